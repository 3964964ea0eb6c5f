#!/usr/bin/env node
// The `wave-planner` command. It runs the TypeScript sources through tsx (see register-tsx.mjs),
// so the command works right after `npm install` with no build step.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`wave-planner needs Node.js 22 or later; this is ${process.version}.`);
  process.exit(2);
}
await import('./register-tsx.mjs');
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
