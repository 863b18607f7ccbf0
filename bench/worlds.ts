// Benchmark worlds: generated once under bench/data/<size> (git-ignored), reused after.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SIZES = ['S', 'M', 'L'] as const;
export type Size = (typeof SIZES)[number];

export const DATA_FILES = ['leads', 'activities', 'handoffs', 'dispositions', 'reps'] as const;

export function isSize(s: string): s is Size {
  return (SIZES as readonly string[]).includes(s);
}

export function worldDir(size: Size): string {
  return resolve('bench', 'data', size);
}

function complete(dir: string): boolean {
  return DATA_FILES.every((f) => existsSync(join(dir, `${f}.csv`))) && existsSync(join(dir, 'scoring_model.json')) && existsSync(join(dir, 'truth.json'));
}

/** The world's folder, generating it (sample-data/generate.ts, seed 1) when missing or incomplete. */
export function ensureWorld(size: Size): string {
  const dir = worldDir(size);
  if (complete(dir)) return dir;
  process.stderr.write(`generating world ${size} into ${dir} ...\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sample-data/generate.ts', '--size', size, '--out', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !complete(dir)) throw new Error(`generating world ${size} failed (exit ${String(r.status)})`);
  process.stderr.write(`world ${size} generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return dir;
}
