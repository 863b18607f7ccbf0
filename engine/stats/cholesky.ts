// Dense symmetric positive-definite solves for the Newton steps of the
// logistic fit (at most ~50 x 50, so a plain Cholesky is exact and cheap).

/**
 * In-place Cholesky factor of a row-major n x n SPD matrix: on return the lower
 * triangle holds L with A = L L'. Returns false when A is not positive definite.
 */
export function choleskyFactor(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L L' x = b with a factor from choleskyFactor; b is overwritten by x. */
export function choleskySolveFactored(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  return b;
}

/** x = A^-1 b for SPD A (row-major, not modified); null when A is not positive definite. */
export function choleskySolve(a: Float64Array, n: number, b: Float64Array): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyFactor(l, n)) return null;
  return choleskySolveFactored(l, n, Float64Array.from(b));
}

/** A^-1 for SPD A (row-major); null when A is not positive definite. */
export function choleskyInverse(a: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!choleskyFactor(l, n)) return null;
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolveFactored(l, n, col);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  return inv;
}
