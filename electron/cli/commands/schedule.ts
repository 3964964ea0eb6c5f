import { EARLIEST_DAY, isPlanDay, LATEST_DAY } from '../../../shared/dates';
import type { Site } from '../../../shared/domain';
import type { WaveSchedule } from '../../../shared/scheduler/types';
import { withPlan } from '../cli-session';
import { DEFAULT_TIME_LIMIT_SECONDS, optimise } from './optimise';
import { EXIT, textTable, type CommandArgs, type CommandOutput } from '../output';

/** The `wave-schedule` document as the command prints it: same plan and as-of, same bytes. */
export function scheduleJson(schedule: WaveSchedule): string {
  return `${JSON.stringify(schedule, null, 2)}\n`;
}

/** The schedule as a readable table for the terminal. */
export function scheduleTable(planName: string, schedule: WaveSchedule, sites: Site[]): string {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const out: string[] = [`${planName} — schedule as of ${schedule.asOf}`, ''];
  if (schedule.lighthouse) {
    out.push(`Lighthouse: ${schedule.lighthouse.site} ${byCode.get(schedule.lighthouse.site)?.name ?? ''} (score ${schedule.lighthouse.score.toFixed(3)})`);
    for (const c of schedule.lighthouse.candidates) {
      out.push(`  ${c.site.padEnd(8)} ${c.score.toFixed(3)} = willingness ${c.terms.willingness.toFixed(3)} + representativeness ${c.terms.representativeness.toFixed(3)} + readiness ${c.terms.readiness.toFixed(3)}`);
    }
    out.push('');
  }
  const rows = [['Wave', 'Window', 'Prep', 'Site', 'Name', 'Region', 'ERP', 'Prep start', 'Go-live', 'Hypercare end', 'Pinned']];
  for (const wave of schedule.waves) {
    wave.sites.forEach((p, i) => {
      const site = byCode.get(p.site);
      rows.push([
        i === 0 ? (wave.number === 0 ? '0 (lighthouse)' : String(wave.number)) : '',
        i === 0 ? (wave.number === 0 ? wave.windowStart : `${wave.windowStart} – ${wave.windowEnd}`) : '',
        i === 0 ? `${wave.prepLeadDays} d` : '',
        p.site,
        site?.name ?? '',
        site?.region ?? '',
        site?.erp ?? '',
        p.prepStart,
        p.goLive,
        p.hypercareEnd,
        p.pinned ? 'yes' : '',
      ]);
    });
  }
  out.push(textTable(rows), '');
  out.push(`Unscheduled (${schedule.unscheduled.length})`);
  for (const u of schedule.unscheduled) out.push(`  ${u.site.padEnd(8)} [${u.rule}] ${u.reason}`);
  out.push('', `Violations (${schedule.violations.length})`);
  for (const v of schedule.violations) out.push(`  ${v.site.padEnd(8)} [${v.rule}] ${v.message}`);
  if (schedule.warnings.length) {
    out.push('', 'Warnings');
    for (const w of schedule.warnings) out.push(`  ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}

export async function runSchedule(args: CommandArgs, out: CommandOutput): Promise<number> {
  const { plan: planPath } = args.values;
  const asOf = args.values['as-of'];
  const limit = args.values['time-limit'];
  const optimising = args.values.optimise !== undefined;
  const seconds = limit === undefined ? DEFAULT_TIME_LIMIT_SECONDS : Number(limit);
  if (!planPath || args.positionals.length > 0 || (limit !== undefined && !optimising)) {
    out.stderr('wave-planner schedule: usage: wave-planner schedule --plan PLAN.waveplan [--as-of YYYY-MM-DD] [--optimise [--time-limit S]] [--json]\n');
    return EXIT.usage;
  }
  if (!/^\d+(\.\d+)?$/.test(String(seconds)) || seconds <= 0 || seconds > 3600) {
    out.stderr(`wave-planner schedule: --time-limit must be a number of seconds from 0.1 to 3600 (got "${limit}").\n`);
    return EXIT.usage;
  }
  if (asOf !== undefined && !isPlanDay(asOf)) {
    out.stderr(`wave-planner schedule: --as-of must be a real calendar date written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY} (got "${asOf}").\n`);
    return EXIT.usage;
  }
  if (optimising) {
    await withPlan(planPath, (plan) => optimise(plan, { ...(asOf && { asOf }), timeLimitSeconds: seconds, json: args.values.json !== undefined }, out));
    return EXIT.ok;
  }
  await withPlan(planPath, async (plan) => {
    const { schedule } = (await plan.call('schedule:generate', asOf ? { asOf } : {})).value.view;
    if (args.values.json !== undefined) out.stdout(scheduleJson(schedule));
    else out.stdout(scheduleTable((await plan.call('plan:current', {}))!.name, schedule, await plan.call('sites:list', {})));
  });
  return EXIT.ok;
}
