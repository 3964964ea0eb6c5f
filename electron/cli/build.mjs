// `npm run build:cli` (also run by `npm install`): the command line as one bundle of built JavaScript
// in out/cli/bundle, so `wave-planner` starts without compiling TypeScript. Libraries are bundled
// (tree-shaken: loading all of date-fns or zod from node_modules costs more than the rest of a
// start); the native SQLite addon and the heavy modules loaded only for a PDF or a workbook stay
// outside. The bundle sits three folders below the project, like the sources whose paths it keeps.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * zod's `z` re-exports every language's error messages (`z.locales`, two thirds of the bundle's
 * largest chunk), which defeats tree-shaking; nothing here uses them (English is registered apart),
 * so they are left out and each start loads and compiles that much less.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes('/zod/') ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const outdir = `${root}out/cli/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The import's worker thread is a script of its own, found beside the chunk that starts it.
  entryPoints: { main: 'electron/cli/main.ts', 'sheet-check-worker': 'electron/services/sheets/sheet-check-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Automerge loads its WebAssembly from beside its own files; ws has optional native helpers.
  external: ['better-sqlite3', '@react-pdf/*', 'exceljs', 'ical.js', 'fontkit', 'pdfkit', '@automerge/*', 'ws', 'highs'],
  outExtension: { '.js': '.mjs' },
  jsx: 'automatic',
  // Modules that still use require() (inside the bundle) get one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [zodWithoutLocales],
});
