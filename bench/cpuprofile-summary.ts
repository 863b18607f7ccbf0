// Top functions by self time in a V8 .cpuprofile (node --cpu-prof), and by file.
//   npx tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const file = positionals[0];
  if (!file) throw new Error('usage: cpuprofile-summary FILE.cpuprofile [--top N]');
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (f: CallFrame): string => `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '')}`;
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const perFile = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const f = byId.get(id)?.callFrame;
    const where = f ? f.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '') : '?';
    const key = f ? `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}` : '?';
    self.set(key, (self.get(key) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const cf = byId.get(at)?.callFrame;
      if (!cf || cf.functionName === '(root)') continue;
      const k = keyOf(cf);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
    perFile.set(where || '(native)', (perFile.get(where || '(native)') ?? 0) + dt);
  });
  const top = Number(values.top);
  const show = (m: Map<string, number>, title: string): void => {
    console.log(`\n${title} (total ${total.toFixed(0)} ms)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(0).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  show(self, 'self time by function');
  show(perFile, 'self time by file');
  show(inclusive, 'total (inclusive) time by function');
}

main();
