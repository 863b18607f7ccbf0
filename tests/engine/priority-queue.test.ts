// The engine's job queue (engine/jobs/priority-queue.ts) on its own: one task at a time,
// interactive before paging before normal work, nothing past a barrier, and at a yielding
// task's yield points only interactive and paging tasks.
import { describe, expect, it } from 'vitest';
import { PriorityQueue, type Priority, type YieldPoint } from '../../engine/jobs/priority-queue';

/** A task that waits for release() and logs its start and end. */
function gate(log: string[], name: string): { task: () => Promise<string>; release: () => void } {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`${name} start`);
      await held;
      log.push(`${name} end`);
      return name;
    },
    release: () => release(),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PriorityQueue', () => {
  it('runs one task at a time: interactive first, then paging, then normal in arrival order', async () => {
    const q = new PriorityQueue();
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = q.run(first.task);
    const queued: [string, Priority][] = [
      ['n1', 'normal'],
      ['p1', 'paging'],
      ['i1', 'interactive'],
      ['n2', 'normal'],
      ['i2', 'interactive'],
    ];
    const done = queued.map(([name, p]) =>
      q.run(async () => {
        log.push(name);
        return name;
      }, p),
    );
    await tick();
    expect(q.pending).toBe(6);
    first.release();
    await Promise.all([running, ...done]);
    expect(log).toEqual(['first start', 'first end', 'i1', 'i2', 'p1', 'n1', 'n2']);
    expect(q.pending).toBe(0);
  });

  it('lets nothing overtake a barrier, and a failing task does not stop the queue', async () => {
    const q = new PriorityQueue();
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = q.run(first.task);
    const failed = q.run(async () => {
      log.push('fails');
      throw new Error('no');
    });
    const barrier = q.run(async () => void log.push('barrier'), 'barrier');
    const after = q.run(async () => void log.push('interactive'), 'interactive');
    first.release();
    await expect(failed).rejects.toThrow('no');
    await Promise.all([running, barrier, after]);
    expect(log).toEqual(['first start', 'first end', 'fails', 'barrier', 'interactive']);
  });

  it('runs waiting interactive and paging tasks at a yielding task\'s yield points, never normal ones or a barrier', async () => {
    const q = new PriorityQueue();
    const log: string[] = [];
    let pause: YieldPoint = async () => undefined;
    let reached = (): void => undefined;
    const atFirstYield = new Promise<void>((resolve) => (reached = resolve));
    const job = q.runYielding(async (yieldPoint) => {
      pause = yieldPoint;
      log.push('job step 1');
      reached();
      await tick(); // the others queue meanwhile
      await pause();
      log.push('job step 2');
      await pause();
      log.push('job end');
    });
    await atFirstYield;
    const others = [
      q.run(async () => void log.push('normal'), 'normal'),
      q.run(async () => void log.push('paging'), 'paging'),
      q.run(async () => void log.push('interactive'), 'interactive'),
      q.run(async () => void log.push('barrier'), 'barrier'),
      q.run(async () => void log.push('interactive after barrier'), 'interactive'),
    ];
    await Promise.all([job, ...others]);
    expect(log).toEqual(['job step 1', 'interactive', 'paging', 'job step 2', 'job end', 'normal', 'barrier', 'interactive after barrier']);
  });
});
