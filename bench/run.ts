/**
 * `npm run bench`: runs every benchmark case several times and writes the medians, with the issue
 * targets they are held to, to bench/results.md and bench/results.json (`bench/run.ts NAME` runs the
 * cases whose name holds NAME and only prints them). Not part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine, measure, renderMarkdown, type BenchCase, type BenchResult } from './harness';
import { checklistCases, checklistTargets } from './checklist-cases';
import { importCases, importTargets } from './import-cases';
import { reportCases, reportTargets } from './report-cases';
import { schedulerCases, schedulerTargets } from './scheduler-cases';
import { uiCases, uiTargets } from './ui-cases';
import { teamCases, teamTargets } from './team-cases';
import { optimiserCases, optimiserTargets } from './optimiser-cases';

// The UI cases drive the built renderer: `npm run bench` builds it first.
const only = process.argv[2];
const results: BenchResult[] = [];
const team = teamCases();
const optimiser = optimiserCases();
const groups: { cases: BenchCase[]; cleanup: () => void | Promise<void> }[] = [schedulerCases(), reportCases(), importCases(), uiCases(), checklistCases(), { ...optimiser, cleanup: () => {} }, team];
for (const c of groups.flatMap((g) => g.cases)) {
  if (only && !c.name.includes(only)) continue;
  const result = await measure(c);
  results.push(result);
  console.log(`${result.name.padEnd(50)} median ${String(result.medianMs).padStart(8)} ms  (${result.runs} runs, ${result.minMs}–${result.maxMs})`);
}
const figures = [...optimiser.figures(), ...team.figures()];
for (const group of groups) await group.cleanup();
for (const f of figures) console.log(`${f.name.padEnd(50)} ${f.value} ${f.unit}`);
const targets = [...schedulerTargets(results), ...reportTargets(results), ...importTargets(results), ...uiTargets(results), ...checklistTargets(results), ...optimiserTargets(results, figures), ...teamTargets(results, figures)].filter((t) => !Number.isNaN(t.value));
for (const t of targets) console.log(`${t.pass ? 'met    ' : 'NOT MET'} ${t.name}: ${t.value} ${t.unit} (limit ${t.limit})`);
// Only a whole run is written down: a part of one would replace every other figure in the files.
if (only) {
  console.log(`A run of the cases matching "${only}" only: bench/results.* are left as they were.`);
} else {
  const when = new Date().toISOString();
  const folder = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(`${folder}results.json`, `${JSON.stringify({ measuredAt: when, machine: machine(), results, figures, targets }, null, 2)}\n`);
  writeFileSync(`${folder}results.md`, renderMarkdown(results, targets, when, figures));
}
