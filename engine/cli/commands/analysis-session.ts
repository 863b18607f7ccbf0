// The analysis commands (sweep, backtest, model-health, suggest-weights) share
// one step: open the --workspace and build its forecast session.
import { ForecastSession } from '../../forecast/session';
import type { FlagValues } from '../command';
import { withWorkspace } from '../workspace-arg';

export function withSession<T>(flags: FlagValues, fn: (session: ForecastSession) => Promise<T> | T): Promise<T> {
  return withWorkspace(flags, 'existing', async (ws) => fn(await ForecastSession.open(ws)));
}
