import { defineConfig } from 'vitest/config';

// One config for the renderer build (issue 5 adds the React plugin and entry) and for Vitest.
export default defineConfig({
  root: '.',
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
