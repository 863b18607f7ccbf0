import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/tmp';

const ROOT = join(__dirname, '../..');
const run = (args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'sample-data/generate.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('npm run sample', () => {
  it('writes every output file for the given size, seed and lead count', () => {
    const out = scratchDir('hl-cli-');
    const r = run(['--size', 's', '--leads', '1500', '--draws', '1', '--seed', '4', '--policy-change', '--out', out]);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/wrote 1500 leads/);
    for (const f of ['leads.csv', 'activities.csv', 'handoffs.csv', 'dispositions.csv', 'reps.csv', 'scoring_model.json', 'truth.json', 'scenarios/policy_change_after.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as { generator: { seed: number; leads: number; policy_change: boolean } };
    expect(truth.generator).toMatchObject({ seed: 4, leads: 1500, policy_change: true });
  });

  it('rejects bad arguments with a usage message and exit code 2', () => {
    for (const args of [['--size', 'XL'], ['--seed', 'abc'], ['--frobnicate'], ['--out']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(String(r.stderr)).toMatch(/usage: npm run sample/);
    }
  });
});
