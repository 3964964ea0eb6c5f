// Lint, and the architecture's import rules made mechanical:
// shared/ is pure (no Node, Electron or DOM), backend services never import electron,
// the renderer reaches data only through the contract's API object.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Exact names (a pattern "domain" would also match our own ./domain).
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: 'No Node modules here.' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'bench/results*', 'wave-planner-demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [
          { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node modules.' },
          { group: ['electron', 'electron/*', 'better-sqlite3', 'react', 'react-dom', 'zustand', '**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing outside shared/ but pure libraries.' },
        ],
      }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Backend services run without Electron (CLI, web mode, tests): only electron/shell/ imports electron.' },
          { group: ['**/shell/**', '**/renderer/**'], message: 'Backend services do not depend on the shell or the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [
          { group: ['node:*', 'electron', 'electron/*', 'better-sqlite3'], message: 'The renderer never touches Node, Electron or SQLite.' },
          { group: ['**/electron/**'], message: 'The renderer reaches the backend only through the contract API (renderer/src/api/client.ts).' },
        ],
      }],
    },
  },
  {
    // Tests break documents on purpose and stand in for Electron: loose types are the point there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
