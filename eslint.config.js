// Lint zones make the layer rules of ARCHITECTURE.md a build error.
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const nodeBuiltins = [
  'fs', 'path', 'os', 'zlib', 'stream', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'util', 'events', 'readline', 'module', 'process', 'buffer', 'tty', 'v8', 'perf_hooks', 'dns', 'tls', 'cluster',
].flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'demo-output/**', 'release/**', 'coverage/**', '**/*.d.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { import: importPlugin, '@typescript-eslint': tseslint.plugin },
    // Resolve `./x.js` to `./x.ts` so the zones below see every relative import.
    settings: { 'import/resolver': { typescript: { alwaysTryTypes: true, project: ['analyzers/tsconfig.node.json'] }, node: true } },
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './analyzers/model', from: './analyzers', except: ['./model'], message: 'model imports nothing' },
            { target: './analyzers', from: './renderer', message: 'analyzers know nothing of the UI' },
            { target: './analyzers', from: './electron', message: 'analyzers know nothing of Electron' },
            { target: './analyzers/importers/common', from: './analyzers/importers/text-logs', message: 'what the readers share depends on no one reader: the text log reads with common, not the other way' },
            { target: './analyzers/importers', from: ['./analyzers/analysis', './analyzers/profile', './analyzers/scoring', './analyzers/correlation', './analyzers/report', './analyzers/node', './analyzers/cli'], message: 'importers → model only' },
            { target: './analyzers/profile', from: ['./analyzers/importers', './analyzers/scoring', './analyzers/correlation', './analyzers/report', './analyzers/node', './analyzers/cli'], message: 'profile → model only' },
            { target: './analyzers/scoring', from: ['./analyzers/importers', './analyzers/report', './analyzers/node', './analyzers/cli'], message: 'scoring never sees file formats' },
            { target: './analyzers/correlation', from: ['./analyzers/importers', './analyzers/scoring', './analyzers/report', './analyzers/node', './analyzers/cli'], message: 'correlation → profile, model' },
            { target: './analyzers/report', from: ['./analyzers/importers', './analyzers/node', './analyzers/cli'], message: 'report renders the report model only' },
            { target: './renderer', from: ['./electron/main', './electron/preload', './analyzers/node', './analyzers/cli'], message: 'renderer: analyzers core and electron/shared only' },
            { target: './electron/preload', from: ['./analyzers', './renderer', './electron/main'], message: 'preload: electron/shared only' },
            { target: './electron/main', from: ['./renderer', './electron/preload'], message: 'main: analyzers and electron/shared only' },
            { target: './electron/shared', from: ['./analyzers/node', './analyzers/cli', './renderer', './electron/main', './electron/preload'], message: 'shared contract is types only' },
          ],
        },
      ],
    },
  },
  {
    // The analyzers core runs in Web Workers and the renderer: no Node built-ins.
    files: ['analyzers/**/*.ts'],
    ignores: ['analyzers/node/**', 'analyzers/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.filter((m) => !m.includes('*')), patterns: ['node:*'] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeBuiltins.filter((m) => !m.includes('*')), 'electron'], patterns: ['node:*'] }],
    },
  },
);
