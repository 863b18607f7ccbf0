// Lint rules that keep the layers apart (see ../shared/STYLE.md): engine/ is pure
// TypeScript and never reaches for electron or react; renderer/ sees only the
// engine's public contract (engine/api), never its internals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-output/**', 'bench/data/**', 'sample-data/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts', 'sample-data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'engine/ runs in plain Node: no electron here.' },
          { name: 'react', message: 'engine/ runs in plain Node: no react here.' },
          { name: 'react-dom', message: 'engine/ runs in plain Node: no react here.' },
        ],
        patterns: [{ group: ['**/renderer/**', '**/electron/**'], message: 'engine/ must not import UI or shell code.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to the engine only through EngineApi.' }],
        patterns: [{
          group: ['**/engine/**', '!**/engine/api', '!**/engine/api/**', '@duckdb/*', 'node:*'],
          message: 'The renderer sees only the engine contract (engine/api), never engine internals or Node.',
        }],
      }],
    },
  },
);
