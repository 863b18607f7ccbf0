import type { Command } from '../command';
import { forecastCommand } from './forecast';
import { importCommand } from './import';
import { metricsCommand } from './metrics';
import { qualityCommand } from './quality';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [importCommand, qualityCommand, metricsCommand, forecastCommand, serveCommand];
