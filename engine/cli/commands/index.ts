import type { Command } from '../command';
import { forecastCommand } from './forecast';
import { importCommand } from './import';
import { metricsCommand } from './metrics';
import { qualityCommand } from './quality';
import { serveCommand } from './serve';
import { backtestCommand } from './backtest';
import { modelHealthCommand } from './model-health';
import { suggestWeightsCommand } from './suggest-weights';
import { sweepCommand } from './sweep';

export const COMMANDS: readonly Command[] = [
  importCommand,
  qualityCommand,
  metricsCommand,
  forecastCommand,
  sweepCommand,
  backtestCommand,
  modelHealthCommand,
  suggestWeightsCommand,
  serveCommand,
];
