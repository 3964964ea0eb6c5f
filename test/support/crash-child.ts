// A process for the crash-safety tests to kill with SIGKILL in the middle of its work.
//   import PLAN CSV   import the CSV (prints "in transaction" once its write transaction has begun)
//   edits PLAN        set US-DET's headcount to 1, 2, 3, … printing "ack N" after each write returns
import { readFileSync } from 'node:fs';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { updateSite } from '../../electron/services/plan/sites';
import { commitSheetImport } from '../../electron/services/sheets/sheet-import-service';

async function main(): Promise<void> {
  const [mode, planPath, csvPath] = process.argv.slice(2);
  const plan = PlanFile.open(planPath!, { actor: 'crash-test' });
  if (mode === 'import') {
    const bytes = readFileSync(csvPath!);
    // Say when the write transaction has begun (stdout to a pipe is synchronous on Linux).
    const mutate = plan.mutate.bind(plan);
    plan.mutate = (options, change) =>
      mutate(options, (h) => {
        process.stdout.write('in transaction\n');
        return change(h);
      });
    await commitSheetImport(plan, 'crash.csv', bytes, undefined, 'import');
    process.stdout.write('imported\n');
    return;
  }
  for (let n = 1; ; n += 1) {
    await plan.mutate({ label: `headcount ${n}`, source: 'cli' }, (h) => updateSite(h, 'US-DET', { headcount: n }));
    process.stdout.write(`ack ${n}\n`);
    if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

void main();
