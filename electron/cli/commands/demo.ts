import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DownloadFile } from '../../../shared/contract';
import { samplePlan } from '../../services/sample-plan';
import { CliSession } from '../cli-session';
import { scheduleJson } from './schedule';
import { EXIT, writeOutput, type CommandArgs, type CommandOutput } from '../output';

const save = (path: string, file: DownloadFile) => writeOutput(path, Buffer.from(file.base64, 'base64'));

export async function runDemo(args: CommandArgs, out: CommandOutput): Promise<number> {
  const folder = resolve(args.values.out ?? 'wave-planner-demo');
  mkdirSync(folder, { recursive: true });
  const planPath = join(folder, 'sample.waveplan');
  // The demo is remade from scratch each time it runs.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${planPath}${suffix}`, { force: true });
  const plan = new CliSession();
  const jsonPath = join(folder, 'sample.wave-plan.json');
  const schedulePath = join(folder, 'sample.schedule.json');
  try {
    const info = await plan.call('plan:new', { path: planPath, name: samplePlan().plan.name, sample: true });
    save(jsonPath, await plan.call('interchange:export', {}));
    const { schedule } = (await plan.call('schedule:generate', {})).value.view;
    writeOutput(schedulePath, scheduleJson(schedule));
    const pdfPath = join(folder, 'sample-report.pdf');
    save(pdfPath, await plan.call('report:pdf', { paper: 'a4' }));
    const placed = schedule.waves.reduce((n, w) => n + w.sites.length, 0);
    const lastGoLive = schedule.waves.at(-1)?.sites.at(-1)?.goLive;
    out.stdout(
      `Sample plan "${info.name}": ${info.counts.sites} sites (${info.counts.activeSites} in scope), ${info.counts.erps} ERPs.\n` +
        `Schedule as of ${schedule.asOf}: lighthouse ${schedule.lighthouse?.site ?? 'none'}, ${schedule.waves.length - 1} waves after it, ` +
        `${placed} sites placed${lastGoLive ? ` (last go-live ${lastGoLive})` : ''}, ${schedule.unscheduled.length} unscheduled.\n` +
        `  plan file: ${planPath}\n  wave-plan JSON: ${jsonPath}\n  wave-schedule JSON: ${schedulePath}\n  report: ${pdfPath}\n` +
        `Open it in the app with: npm run web -- --plan "${planPath}"\n`,
    );
  } finally {
    plan.close();
  }
  return EXIT.ok;
}
