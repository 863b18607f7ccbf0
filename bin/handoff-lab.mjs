#!/usr/bin/env node
// `npx handoff-lab ...`: runs the TypeScript CLI through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
await main();
