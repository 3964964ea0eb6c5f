/** Report figures of the steering-committee PDF issue: the whole PDF of generated plans. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanFile } from '../electron/services/plan/plan-file';
import { generateAndStore } from '../electron/services/plan/scheduling';
import { renderReportPdf, reportModelOf } from '../electron/services/report/render-report';
import { medianOf, type BenchCase, type BenchResult, type Target } from './harness';
import { benchPlan, planFileFor } from './scheduler-cases';

export function reportCases(): { cases: BenchCase[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wave-planner-bench-report-'));
  const cases: BenchCase[] = [50, 400, 500].map((n) => {
    let plan: PlanFile;
    return {
      name: `PDF report of ${n} sites`,
      runs: 5,
      setup: async () => {
        const input = benchPlan(n);
        plan = PlanFile.open(planFileFor(input, dir), { actor: 'bench' });
        await generateAndStore(plan, input.asOf, 'cli');
      },
      run: async () => {
        await renderReportPdf(reportModelOf(plan.reader, { paper: 'a4' }), 'a4');
      },
    };
  });
  return { cases, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function reportTargets(results: BenchResult[]): Target[] {
  return [400, 500].map((n) => {
    const name = `PDF report of ${n} sites`;
    const value = medianOf(results, name);
    return { name, value, unit: 'ms', limit: 3000, pass: value < 3000 };
  });
}
