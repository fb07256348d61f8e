// Lint, with the layer table of ARCHITECTURE.md enforced as import restrictions per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = '^(node:.*|fs|path|os|crypto|child_process|net|http|https|worker_threads|stream|url|util|events|zlib|readline|tls|dns|better-sqlite3.*|sqlite-vec|ws|mailparser|imapflow|nodemailer|tsdav|keytar)(/.*)?$';
const electron = { group: ['electron', 'electron/*'], message: 'Only src/main and src/preload may import electron (ARCHITECTURE.md layers).' };
const up = (layer) => ({ group: [`**/${layer}`, `**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`], message: `This layer may not import src/${layer} (ARCHITECTURE.md layers).` });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'playwright-report/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node scripts (launchers, build, bench) run under plain Node.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|\\.{1,2}/).*', message: 'src/shared imports only zod and itself (ARCHITECTURE.md layers).' },
          { group: ['**/core/**', '**/sync/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/relay/**'], message: 'src/shared may not import other layers.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src/sync/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, up('core'), up('main'), up('preload'), up('renderer'), up('relay')] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, up('main'), up('preload'), up('renderer'), up('relay')] }] },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [up('core'), up('sync'), up('renderer'), up('preload'), up('relay'), { group: ['better-sqlite3*', 'imapflow', 'nodemailer', 'tsdav'], message: 'main is thin: it never touches the store or a provider.' }] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [up('core'), up('sync'), up('renderer'), up('main'), up('relay')] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron, up('core'), up('sync'), up('main'), up('preload'), up('relay'), { regex: nodeBuiltins, message: 'The renderer is a web page: no Node modules.' }] }] },
  },
);
