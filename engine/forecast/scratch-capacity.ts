// How far a grow-only scratch buffer grows when it must hold n entries. An
// eighth more than n, not double its old size: the sizes it sees (scenario
// cohorts, window MQLs) differ by a few percent from call to call, and
// doubling left up to half of each buffer unused for the rest of the process
// (~60 MB at L across group-metrics.ts's and queue-effects.ts's row buffers,
// against a 2 GB budget). An eighth still spares a regrowth per small step.

export function scratchCapacity(n: number): number {
  return Math.max(1024, n + (n >> 3));
}
