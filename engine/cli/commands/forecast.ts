// handoff-lab forecast: a scenario file -> the forecast@1 JSON (or a table).
import { existsSync, readFileSync } from 'node:fs';
import { forecast } from '../../forecast/forecast';
import type { ForecastResult } from '../../forecast/types';
import { METRIC_NAMES } from '../../metrics/types';
import { ScenarioError } from '../../scenario/errors';
import { parseScenarioJson, type Scenario } from '../../scenario/schema';
import { formatFlag, optionalString, requireString, UsageError, type Command } from '../command';
import { textTable } from '../text-table';
import { withWorkspace } from '../workspace-arg';
import { formatMetric } from './metrics';

/** A scenario file read and validated; a bad one fails with one line naming the file and the first bad field. */
export function readScenarioFile(path: string): Scenario {
  if (!existsSync(path)) throw new UsageError(`Scenario file ${path} was not found.`);
  try {
    return parseScenarioJson(readFileSync(path, 'utf8'), path);
  } catch (err) {
    if (err instanceof ScenarioError && err.problems.length > 1) {
      const first = err.problems[0]!;
      throw new ScenarioError([{ field: first.field, message: `${first.message} (and ${err.problems.length - 1} more problems)` }], path);
    }
    throw err;
  }
}

function parseRuns(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 10000) throw new UsageError(`--runs must be a whole number from 0 to 10000, got "${text}".`);
  return n;
}

export function forecastTable(f: ForecastResult): string {
  const lines = [
    `Forecast: ${f.scenario ?? '(unnamed scenario)'}, ${f.window.from ?? 'start of data'} to ${f.window.to ?? 'end of data'}`,
    `MQLs under both policies ${f.details.shared}, only under the scenario ${f.details.entered}, only historically ${f.details.left}; ${f.details.runs} interval runs`,
    '',
    textTable(
      ['metric', 'observed', 'forecast', '90% low', '90% high'],
      METRIC_NAMES.map((m) => {
        const v = f.metrics[m];
        return [m, formatMetric(m, v.observed), formatMetric(m, v.forecast), formatMetric(m, v.low), formatMetric(m, v.high)];
      }),
    ),
  ];
  for (const w of f.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'Forecast the handoff metrics under a scenario (DATA_CONTRACT section 3), with 90% intervals.',
  usage: 'handoff-lab forecast --workspace W.duckdb --scenario S.json [--format json|table] [--runs N]',
  flags: { workspace: { type: 'string' }, scenario: { type: 'string' }, format: { type: 'string' }, runs: { type: 'string' } },
  async run(flags, io) {
    const format = formatFlag(flags);
    const runs = parseRuns(optionalString(flags, 'runs'));
    // The scenario is checked before the workspace is opened: a bad file fails fast.
    const scenario = readScenarioFile(requireString(flags, 'scenario'));
    const result = await withWorkspace(flags, 'existing', (ws) => forecast(ws, scenario, runs === undefined ? {} : { runs }));
    io.out(format === 'json' ? JSON.stringify(result, null, 2) : forecastTable(result));
  },
};
