// A full garbage collection on demand, for loops that drop tens of MB of typed
// arrays a step (the queue-simulation worker after each simulation, the interval
// runs after each queue draw). V8 frees array buffers only when it collects, and
// it collects for them only once ~64 MB more have piled up; freed late, their
// memory is not reused in time and the resident set grows (at L ~95 MB over the
// interval runs, against a 2 GB budget). gc() is reached through a fresh context,
// not a command-line flag: the desktop app and the CLI run without flags.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;
let looked = false;

/** Collects now (a full, synchronous collection: tens of ms at L); does nothing where gc() cannot be had. */
export function collectGarbage(): void {
  if (!looked) {
    looked = true;
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  }
  collect?.();
}
