// The analysis commands (sweep, backtest, model-health, suggest-weights) share
// two steps: read the optional --scenario file, and open the --workspace and
// build its forecast session.
import { ForecastSession } from '../../forecast/session';
import type { Scenario } from '../../scenario/schema';
import { optionalString, type FlagValues } from '../command';
import { withWorkspace } from '../workspace-arg';
import { readScenarioFile } from './forecast';

/** The --scenario file, validated; undefined when the flag is absent (the policy in force). */
export function optionalScenario(flags: FlagValues): Scenario | undefined {
  const path = optionalString(flags, 'scenario');
  return path === undefined ? undefined : readScenarioFile(path);
}

export function withSession<T>(flags: FlagValues, fn: (session: ForecastSession) => Promise<T> | T): Promise<T> {
  return withWorkspace(flags, 'existing', async (ws) => fn(await ForecastSession.open(ws)));
}
