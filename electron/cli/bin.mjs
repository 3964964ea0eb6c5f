#!/usr/bin/env node
// The `wave-planner` command. It runs the built bundle (out/cli/bundle, made by `npm install` or
// `npm run build:cli`) when that is newer than every source file, and otherwise the TypeScript
// sources through tsx (see register-tsx.mjs), so it works right after a change with no build step.
import { readdirSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`wave-planner needs Node.js 22 or later; this is ${process.version}.`);
  process.exit(2);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${root}out/cli/bundle/main.mjs`;

/** The newest change to the sources the bundle is built from. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    const built = statSync(bundle).mtimeMs;
    return ['electron/cli', 'electron/services', 'shared', 'resources'].every((dir) => newestSource(`${root}${dir}`) <= built);
  } catch {
    return false;
  }
}

let main;
if (bundleIsCurrent()) {
  // V8 keeps the compiled bundle on disk between runs.
  enableCompileCache?.();
  ({ main } = await import(bundle));
} else {
  await import('./register-tsx.mjs');
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
