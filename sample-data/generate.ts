// npm run sample -- --size S|M|L --out DIR [--seed N] [--policy-change] [--leads N] [--draws N] [--gzip]
import { SIZES, generateSample } from './world/sample';
import type { Size } from './world/sample';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run sample -- --size S|M|L --out DIR [--seed N] [--policy-change] [--leads N] [--draws N] [--gzip]\n`);
  process.exit(2);
}

function main(argv: readonly string[]): void {
  let size: Size = 'S';
  let out: string | null = null;
  let seed = 1;
  let leads: number | null = null;
  let draws: number | null = null;
  let policyChange = false;
  let gzip = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => argv[++i] ?? usage(`${a} needs a value`);
    const int = (): number => {
      const v = val();
      if (!/^\d+$/.test(v)) usage(`${a} must be a non-negative integer, got "${v}"`);
      return Number(v);
    };
    switch (a) {
      case '--size': {
        const s = val().toUpperCase();
        if (s !== 'S' && s !== 'M' && s !== 'L') usage(`--size must be S, M or L, got "${s}"`);
        size = s;
        break;
      }
      case '--out': out = val(); break;
      case '--seed': seed = int(); break;
      case '--leads': leads = int(); break;
      case '--draws': draws = int(); break;
      case '--policy-change': policyChange = true; break;
      case '--gzip': gzip = true; break;
      default: usage(`unknown argument "${a}"`);
    }
  }
  const start = performance.now();
  const summary = generateSample({
    out: out ?? `sample-data/out/${size}`,
    leads: leads ?? SIZES[size].leads,
    draws: Math.max(1, draws ?? SIZES[size].draws),
    seed, policyChange, gzip,
    log: (m) => process.stderr.write(`  ${m}\n`),
  });
  process.stderr.write(
    `wrote ${summary.leads} leads, ${summary.activities} activities, ${summary.handoffs} handoffs, ${summary.reps} reps to ${out ?? `sample-data/out/${size}`} in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
  );
}

main(process.argv.slice(2));
