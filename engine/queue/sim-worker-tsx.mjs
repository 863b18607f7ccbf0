// The worker's entry when the engine runs from TypeScript (tests, CLI, browser
// mode): a worker thread does not inherit tsx's loader, so register it first.
import { register } from 'tsx/esm/api';

register();
await import('./sim-worker.ts');
