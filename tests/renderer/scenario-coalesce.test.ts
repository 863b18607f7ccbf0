// Latest wins: one request in flight, the newest waiting value replaces older
// ones, and a value equal to the one in flight is not sent twice.
import { describe, expect, it } from 'vitest';
import { LatestWins } from '../../renderer/app/scenario-coalesce';

function gated() {
  const sent: string[] = [];
  const releases: Array<() => void> = [];
  const gate = new LatestWins<string>((value) => {
    sent.push(value);
    return new Promise<void>((resolve) => releases.push(resolve));
  });
  const releaseNext = async () => {
    releases.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { gate, sent, releaseNext };
}

describe('LatestWins', () => {
  it('sends the first value at once and only the newest of those that came meanwhile', async () => {
    const { gate, sent, releaseNext } = gated();
    for (const v of ['a', 'b', 'c', 'd']) gate.submit(v, v);
    expect(sent).toEqual(['a']);
    expect(gate.busy).toBe(true);
    await releaseNext();
    expect(sent).toEqual(['a', 'd']);
    await releaseNext();
    expect(gate.busy).toBe(false);
    gate.submit('e', 'e');
    expect(sent).toEqual(['a', 'd', 'e']);
  });

  it('drops a waiting value when the user comes back to the one in flight', async () => {
    const { gate, sent, releaseNext } = gated();
    gate.submit('a', 'a');
    gate.submit('b', 'b');
    gate.submit('a', 'a');
    await releaseNext();
    expect(sent).toEqual(['a']);
  });

  it('keeps going after a failed send', async () => {
    const sent: string[] = [];
    let fail = true;
    const gate = new LatestWins<string>(async (v) => {
      sent.push(v);
      if (fail) {
        fail = false;
        throw new Error('engine down');
      }
    });
    gate.submit('a', 'a');
    gate.submit('b', 'b');
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['a', 'b']);
  });
});
