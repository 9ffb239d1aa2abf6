import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  paths: [{ name: 'vscode', message: 'The core, shared code, CLI and webview stay free of the vscode API.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.vscode-test/**', 'bench/results/**', 'bench/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**', 'src/cli/**', 'webview/**'],
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // the webview bundle is a browser page (tsconfig.webview.json has no Node types either); webview/dev is Node tooling
    files: ['webview/**'],
    ignores: ['webview/dev/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [{ group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'zod'], message: 'The webview is a browser page: no Node modules, and no zod (the host alone parses).' }],
        },
      ],
    },
  },
  {
    // no folder cycle: shared imports the core's types, never the other way
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['**/shared/*', '**/vscode/*', '**/cli/*'], message: 'src/core imports nothing outside src/core.' }] }],
    },
  },
);
