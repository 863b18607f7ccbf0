import type { Command } from '../command';

export const COMMANDS: readonly Command[] = [];
