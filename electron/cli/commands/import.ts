import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { describeProblems, parseJsonText, validateWavePlan } from '../../../shared/interchange';
import type { SheetChoice, SheetImportPreview } from '../../../shared/contract';
import { invalidUtf8Message, invalidUtf8Offset } from '../../../shared/utf8';
import { CliSession, withPlan } from '../cli-session';
import { EXIT, type CommandArgs, type CommandOutput } from '../output';

export async function runImport(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [file, ...extra] = args.positionals;
  const planPath = args.values.plan;
  if (!file || extra.length > 0 || !planPath) {
    out.stderr('wave-planner import: usage: wave-planner import FILE --plan PLAN.waveplan\n');
    return EXIT.usage;
  }
  const extension = extname(file).toLowerCase();
  if (!['.json', '.csv', '.xlsx'].includes(extension)) {
    out.stderr(`wave-planner import: ${file}: import a wave-plan JSON (.json), or sites and ERPs from CSV (.csv) or Excel (.xlsx).\n`);
    return EXIT.usage;
  }
  if (!existsSync(file)) {
    out.stderr(`wave-planner import: ${file}: no such file.\n`);
    return EXIT.refused;
  }
  if (extension !== '.json') return importSheets(file, planPath, args, out);
  if (args.values.map || args.values.kind) {
    out.stderr('wave-planner import: --map and --kind apply to CSV and XLSX files.\n');
    return EXIT.usage;
  }
  const name = basename(file);
  const bytes = readFileSync(file);
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) {
    out.stderr(`${name} ${invalidUtf8Message(bad)}.\n`);
    return EXIT.refused;
  }
  const content = bytes.toString('utf8');
  const parsed = parseJsonText(content);
  const validation = parsed.ok ? validateWavePlan(parsed.value) : parsed;
  if (!validation.ok) {
    // Refused, every problem listed, before the plan file is touched or created.
    out.stderr(`${describeProblems(name, validation.problems)}\n`);
    return EXIT.refused;
  }
  const target = resolve(planPath);
  if (!existsSync(target)) {
    const session = new CliSession();
    try {
      await session.call('plan:new', { path: target, name: validation.value.plan.name, from: { fileName: name, content } });
    } finally {
      session.close();
    }
    out.stdout(`Created ${planPath} from ${name}: ${validation.value.sites.length} sites, ${validation.value.erps.length} ERPs.\n`);
    return EXIT.ok;
  }
  const summary = await withPlan(target, async (plan) => (await plan.call('interchange:import', { fileName: name, content })).value);
  out.stdout(`Imported ${name} into ${planPath}: ${summary.sites} sites, ${summary.erps} ERPs. Backup: ${summary.backupPath}\n`);
  return EXIT.ok;
}

/**
 * `--map "Plant=code,Zone=region"` names the field of a column by its header; columns it does not
 * name keep their guessed field. `--kind sites|erps` overrides the guess for every sheet.
 */
function choicesFrom(preview: SheetImportPreview, map: string | undefined, kind: string | undefined): SheetChoice[] | string {
  if (kind !== undefined && kind !== 'sites' && kind !== 'erps') return `--kind must be sites or erps (got "${kind}")`;
  const pairs = (map ?? '').split(',').map((p) => p.trim()).filter(Boolean).map((p) => p.split('=').map((x) => x.trim()));
  const bad = pairs.find((p) => p.length !== 2 || !p[0] || !p[1]);
  if (bad) return `--map takes "Header=field" pairs separated by commas (got "${bad.join('=')}")`;
  return preview.sheets.map((sheet) => {
    const sheetKind = (kind as SheetChoice['kind'] | undefined) ?? sheet.kind;
    const mapping = kind && kind !== sheet.kind ? sheet.headers.map(() => null) : [...sheet.mapping];
    for (const [header, field] of pairs) {
      const column = sheet.headers.findIndex((h) => h.toLowerCase() === header!.toLowerCase());
      if (column >= 0) mapping[column] = field === '-' ? null : field!;
    }
    return { source: sheet.source, kind: sheetKind, mapping };
  });
}

async function importSheets(file: string, planPath: string, args: CommandArgs, out: CommandOutput): Promise<number> {
  const target = resolve(planPath);
  if (!existsSync(target)) {
    out.stderr(`wave-planner import: ${planPath}: no such plan; sheets add to a plan (create one by importing a wave-plan JSON, or with \`wave-planner demo\`).\n`);
    return EXIT.refused;
  }
  const name = basename(file);
  const base64 = readFileSync(file).toString('base64');
  return withPlan(target, async (plan) => {
    let choices: SheetChoice[] | undefined;
    if (args.values.map || args.values.kind) {
      const made = choicesFrom(await plan.call('sheets:preview', { fileName: name, base64 }), args.values.map, args.values.kind);
      if (typeof made === 'string') {
        out.stderr(`wave-planner import: ${made}.\n`);
        return EXIT.usage;
      }
      choices = made;
    }
    const s = (await plan.call('sheets:import', { fileName: name, base64, ...(choices ? { choices } : {}) })).value;
    out.stdout(
      `Imported ${name} into ${planPath}: ${s.sitesAdded} sites added, ${s.sitesChanged} changed, ${s.sitesUnchanged} unchanged; ${s.erpsAdded} ERPs added, ${s.erpsChanged} changed, ${s.erpsUnchanged} unchanged.${s.backupPath ? ` Backup: ${s.backupPath}` : ''}\n`,
    );
    return EXIT.ok;
  });
}
