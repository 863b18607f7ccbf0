// A fake engine for the Scenario editor: scripted answers per method, saved
// scenarios kept in a map, and forecasts that can be held and released one
// by one to play out the slider's races.
import type { Result, SavedScenario, Scenario } from '../../engine/api/contract';
import { FakeTransport, unknownMethod } from './fake-transport';
import { BASELINE, curveAnswer, diffAnswer, forecastFor, SUGGESTION, thresholdOf } from './scenario-fixture';

export interface ScenarioFake {
  readonly transport: FakeTransport;
  readonly saved: Map<string, SavedScenario>;
  /** Held forecasts, oldest first (only when hold is on). */
  readonly held: Array<{ params: unknown; release: (r?: Result<unknown>) => void }>;
  hold: boolean;
  /** Make the next forecasts fail with this error. */
  failWith: Result<unknown> | null;
  /** Held suggestWeights answers (only when holdSuggest is on). */
  readonly heldSuggest: Array<{ params: unknown; release: (r?: Result<unknown>) => void }>;
  holdSuggest: boolean;
}

const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
const stamp = '2026-01-01T00:00:00.000Z';

export function scenarioFake(): ScenarioFake {
  const saved = new Map<string, SavedScenario>();
  const fake: ScenarioFake = {
    transport: null as unknown as FakeTransport,
    saved,
    held: [],
    hold: false,
    failWith: null,
    heldSuggest: [],
    holdSuggest: false,
  };
  const answer = (method: string, params: unknown): Result<unknown> | Promise<Result<unknown>> => {
    const p = params as Record<string, unknown>;
    switch (method) {
      case 'baselineScenario':
        return ok(BASELINE);
      case 'listScenarios':
        return ok([...saved.values()].map(({ name, createdAt, updatedAt }) => ({ name, createdAt, updatedAt })).sort((a, b) => a.name.localeCompare(b.name)));
      case 'forecast': {
        const result = fake.failWith ?? ok(forecastFor(thresholdOf(params), p.runs === 0 ? 0 : 200));
        if (!fake.hold) return result;
        return new Promise((resolve) => fake.held.push({ params, release: (r) => resolve(r ?? result) }));
      }
      case 'sweep':
        return ok(curveAnswer());
      case 'leadDiff':
        return ok(diffAnswer(p.kind as 'entered', (p.offset as number | undefined) ?? 0));
      case 'saveScenario': {
        const name = String(p.name).trim();
        if (p.overwrite === false && saved.has(name)) return { ok: false, error: { message: `name: a scenario called "${name}" already exists; pick another name`, field: 'name' } };
        const s: SavedScenario = { name, scenario: { ...(p.scenario as Scenario), name }, createdAt: stamp, updatedAt: stamp };
        saved.set(name, s);
        return ok(s);
      }
      case 'renameScenario':
      case 'duplicateScenario': {
        const from = saved.get(String(p.from));
        const to = String(p.to).trim();
        if (!from) return { ok: false, error: { message: 'from: no such scenario', field: 'from' } };
        if (saved.has(to)) return { ok: false, error: { message: `to: a scenario called "${to}" already exists`, field: 'to' } };
        if (method === 'renameScenario') saved.delete(from.name);
        const s = { ...from, name: to, scenario: { ...from.scenario, name: to } };
        saved.set(to, s);
        return ok(s);
      }
      case 'deleteScenario':
        return ok({ deleted: saved.delete(String(p.name)) });
      case 'getScenario': {
        const s = saved.get(String(p.name));
        return s ? ok(s) : { ok: false, error: { message: 'name: no such scenario', field: 'name' } };
      }
      case 'suggestWeights': {
        const result = ok(SUGGESTION);
        if (!fake.holdSuggest) return result;
        return new Promise((resolve) => fake.heldSuggest.push({ params, release: (r) => resolve(r ?? result) }));
      }
      case 'health':
        return ok({ app: 'handoff-lab', version: '0.1.0' });
      default:
        return unknownMethod(method);
    }
  };
  (fake as { transport: FakeTransport }).transport = new FakeTransport(answer);
  return fake;
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
