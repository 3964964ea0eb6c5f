/**
 * The backend side of every contract operation, over one workspace. Inputs arrive validated. Every
 * write goes through the open plan's one write path (`PlanFile.mutate`) under a label a person
 * reads in the Undo and Redo buttons; it returns its value with the commit's revision and changes.
 */
import type { Committed } from '../../shared/changes';
import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import type { ChecklistItem } from '../../shared/domain';
import { parseJsonText, serializeWavePlan, validateWavePlan } from '../../shared/interchange';
import { SETTING_SPECS, type SettingKey } from '../../shared/settings';
import { UserError } from './errors';
import { downloadOf, safeFileStem } from './download-file';
import { importPacket, makePackets, openPacket, packetFile, previewPacket, sealPacket } from './packets';
import { listAudit } from './plan/audit';
import { compareBaseline, listBaselines, saveBaseline } from './plan/baselines';
import { adoptScenario, compareScenarios, listScenarios, planScheduleInput, removeScenario, saveScenario, scenarioSchedule } from './plan/scenarios';
import { readChecklist, readChecklistItem, updateChecklistItem, updateChecklistItems } from './plan/checklists';
import { exportDocument, replaceContent } from './plan/content';
import { saveCrews } from './plan/crews';
import { createErp, readErps, updateErp } from './plan/erps';
import { requirePlanRow, updatePlanFields, updateSettings } from './plan/plan-settings';
import type { PlanFile } from './plan/plan-file';
import { readPlaybook } from './plan/playbooks';
import { assess, readDimensions, saveDimensions, readReadinessHistory } from './plan/readiness';
import * as scheduling from './plan/scheduling';
import { createSite, deleteSites, getSite, readSites, updateSite, updateSites } from './plan/sites';
import type { Workspace } from './workspace';
import { listReviews } from './team/reviews';

// The PDF renderer, the spreadsheet and calendar writers and the holiday tables load when first
// used: the command line would otherwise spend a second loading them for every command.
const report = () => import('./report/render-report');
const exports = () => import('./exports/export-file');
const sheets = () => import('./sheets/sheet-import-service');
const holidays = () => import('./public-holidays');

export type Handlers = {
  [N in OperationName]: (input: ParsedInput<N>) => OperationOutput<N> | Promise<OperationOutput<N>>;
};

const fields = (patch: object) => Object.keys(patch).join(', ');
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function checklistLabel(item: ChecklistItem | null, count: number, patch: { status?: string | undefined; owner?: string | undefined; note?: string | undefined }): string {
  const what = count === 1 && item ? `${item.title} (${item.site})` : `${count} checklist items`;
  if (patch.status !== undefined && patch.owner === undefined && patch.note === undefined) return count === 1 ? `${what} → ${patch.status}` : `Set ${what} to ${patch.status}`;
  return `Change the ${fields(patch)} of ${what}`;
}

function settingsLabel(patch: Record<string, number | undefined>): string {
  const keys = Object.keys(patch) as SettingKey[];
  if (keys.length === 1) return `Set ${SETTING_SPECS[keys[0]!].label} to ${patch[keys[0]!]}`;
  return `Change ${keys.map((k) => SETTING_SPECS[k].label).join(', ') || 'settings'}`;
}

function planEditLabel(patch: ParsedInput<'plan:update'>): string {
  const parts = [
    patch.name !== undefined && 'name',
    patch.startDate !== undefined && 'start date',
    patch.holidays !== undefined && 'holidays',
    patch.freezeWindows !== undefined && 'freeze windows',
    patch.lighthouseOverride !== undefined && 'lighthouse choice',
  ].filter(Boolean);
  return `Change the plan's ${parts.join(', ') || 'fields'}`;
}

/** Parses and validates a wave-plan document, naming the file and path of the first problem. */
function wavePlanFrom(fileName: string, content: string) {
  const parsed = parseJsonText(content);
  const validation = parsed.ok ? validateWavePlan(parsed.value) : parsed;
  if (!validation.ok) {
    const first = validation.problems[0]!;
    throw new UserError('invalid-input', `${fileName}: ${first.path ? `${first.path}: ` : ''}${first.message}`, validation.problems);
  }
  return validation.value;
}

export function createHandlers(workspace: Workspace): Handlers {
  const plan = (): PlanFile => workspace.requirePlan();
  const reader = () => plan().reader;
  const source = workspace.source;
  const withInfo = async <T,>(committed: Promise<Committed<T>>): Promise<Committed<ReturnType<PlanFile['info']>>> => {
    const done = await committed;
    return { ...done, value: plan().info() };
  };
  return {
    'plan:current': () => workspace.plan?.info() ?? null,
    'plan:new': (input) => {
      const content = input.from ? wavePlanFrom(input.from.fileName, input.from.content) : undefined;
      return workspace.newPlan({ path: input.path, name: content?.plan.name ?? input.name, sample: input.sample, ...(content ? { content } : {}) });
    },
    'plan:open': (input) => workspace.openPlan(input.path),
    'plan:recent': () => workspace.appSettings.recentPlans,
    'plan:restoreNewestBackup': (input) => workspace.restoreNewestBackup(input.path),
    'plan:openCleanCopy': (input) => workspace.openCleanCopy(input.path),
    'plan:saveCopy': (input) => ({ path: plan().saveCopy(input.path, { replace: input.replace }) }),
    'plan:update': (input) => withInfo(plan().mutate({ label: planEditLabel(input), source }, (h) => updatePlanFields(h, input))),
    'settings:update': (input) => withInfo(plan().mutate({ label: settingsLabel(input), source }, (h) => updateSettings(h, input))),
    'crews:save': (input) => withInfo(plan().mutate({ label: 'Change the crews', source }, (h) => saveCrews(h, input.crews))),
    'erps:list': () => readErps(reader()),
    'erps:create': (input) => plan().mutate({ label: `Add ERP ${input.erp.code}`, source }, (h) => createErp(h, input.erp)),
    'erps:update': (input) => plan().mutate({ label: `Edit ${fields(input.patch)} of ERP ${input.code}`, source }, (h) => updateErp(h, input.code, input.patch)),
    'sites:list': () => readSites(reader()),
    'sites:get': (input) => getSite(reader(), input.code),
    'sites:update': (input) => plan().mutate({ label: `Edit ${fields(input.patch)} of ${input.code}`, source }, (h) => updateSite(h, input.code, input.patch)),
    'sites:updateMany': (input) => plan().mutate({ label: `Edit ${fields(input.patch)} of ${count(input.codes.length, 'site')}`, source }, (h) => updateSites(h, input.codes, input.patch)),
    'sites:create': (input) => plan().mutate({ label: `Add site ${input.site.code}`, source }, (h) => createSite(h, input.site)),
    'sites:delete': (input) =>
      plan().mutate({ label: input.codes.length === 1 ? `Remove site ${input.codes[0]}` : `Remove ${input.codes.length} sites`, source }, (h) => deleteSites(h, input.codes)),
    'readiness:dimensions': () => readDimensions(reader()),
    'readiness:saveDimensions': (input) => plan().mutate({ label: 'Change the readiness dimensions', source }, (h) => saveDimensions(h, input.dimensions)),
    'readiness:set': (input) => plan().mutate({ label: `Readiness of ${input.site} (${input.dimension})`, source }, (h) => assess(h, input)),
    'readiness:history': (input) => readReadinessHistory(reader(), input.site, input.dimension),
    'playbook:get': () => readPlaybook(reader()),
    'playbook:save': (input) => scheduling.savePlaybook(plan(), input.tasks, input.note, source),
    'audit:list': (input) => listAudit(reader(), input),
    'history:list': () => plan().history(),
    'history:undo': () => plan().undo(source),
    'history:redo': () => plan().redo(source),
    'interchange:export': () => {
      const h = reader();
      return downloadOf(`${safeFileStem(requirePlanRow(h).name)}.wave-plan.json`, 'application/json', serializeWavePlan(exportDocument(h)));
    },
    'interchange:import': (input) => {
      const content = wavePlanFrom(input.fileName, input.content);
      const file = plan();
      const backupPath = file.backupNow('import');
      return file.mutate({ label: `Import ${input.fileName}`, source }, (h) => {
        replaceContent(h, content);
        h.audit.record('plan', requirePlanRow(h).uid, 'import', null, `${input.fileName}: ${content.sites.length} sites, ${content.erps.length} ERPs`);
        return { fileName: input.fileName, sites: content.sites.length, erps: content.erps.length, backupPath };
      });
    },
    'exports:file': async (input) => (await exports()).exportFile(reader(), input.format),
    'packets:export': (input) => plan().mutate({ label: input.site ? `Send a readiness packet to ${input.site}` : `Send readiness packets to wave ${input.wave}`, source }, (h) => makePackets(h, input)),
    'packets:open': (input) => openPacket(input.fileName, input.content),
    'packets:seal': (input) => packetFile(sealPacket(input.packet)),
    'packets:preview': (input) => previewPacket(reader(), input.fileName, input.content),
    'packets:import': async (input) => {
      // Checked before the backup, so a refused packet leaves no backup behind.
      previewPacket(reader(), input.fileName, input.content);
      await workspace.backup('before packet merge');
      return importPacket(plan(), input.fileName, input.content, input.decisions);
    },
    'sheets:preview': async (input) => (await sheets()).previewSheetImport(plan(), input.fileName, Buffer.from(input.base64, 'base64'), input.choices),
    'sheets:import': async (input) => (await sheets()).commitSheetImport(plan(), input.fileName, Buffer.from(input.base64, 'base64'), input.choices, 'import'),
    'schedule:generate': (input) => scheduling.generateAndStore(plan(), input.asOf, source),
    'schedule:current': () => scheduling.currentSchedule(plan()),
    'schedule:status': () => {
      const view = scheduling.currentSchedule(plan());
      return view && { id: view.id, stale: view.stale, staleBecause: view.staleBecause, revision: view.revision };
    },
    'schedule:pin': (input) => scheduling.pinSite(plan(), input.site, input.pinned, source),
    'schedule:lock': (input) => scheduling.lockWave(plan(), input.wave, input.locked, source),
    'schedule:move': (input) => scheduling.moveAndStore(plan(), input.site, input.wave, input.goLive, source),
    'schedule:lighthouse': (input) => scheduling.overrideLighthouse(plan(), input.site, source),
    'schedule:release': (input) => scheduling.releaseSite(plan(), input.site, source),
    'checklist:list': (input) => {
      if (input.site !== undefined) getSite(reader(), input.site);
      return readChecklist(reader(), input.site);
    },
    'checklist:update': ({ id, ...patch }) => plan().mutate({ label: checklistLabel(readChecklistItem(reader(), id), 1, patch), source }, (h) => updateChecklistItem(h, id, patch)),
    'checklist:updateMany': ({ ids, ...patch }) =>
      plan().mutate({ label: checklistLabel(ids.length === 1 ? readChecklistItem(reader(), ids[0]!) : null, ids.length, patch), source }, (h) => updateChecklistItems(h, ids, patch)),
    'holidays:countries': async () => (await holidays()).holidayCountries(),
    'holidays:public': async (input) => (await holidays()).publicHolidays(input.country, input.fromYear, input.toYear),
    'backups:list': () => workspace.backups(),
    'backups:take': () => workspace.backup('by hand'),
    'backups:restore': (input) => workspace.restoreBackup(input.file),
    'baselines:list': () => listBaselines(reader()),
    'baselines:save': (input) => plan().mutate({ label: `Save baseline ${input.name}`, source }, (h) => saveBaseline(h, input.name)),
    'baselines:compare': (input) => compareBaseline(reader(), input.name),
    'schedule:input': (input) => planScheduleInput(reader(), input.asOf),
    'scenarios:list': () => listScenarios(reader()),
    'scenarios:save': (input) => plan().mutate({ label: `Save scenario ${input.name}`, source }, (h) => saveScenario(h, input)),
    'scenarios:remove': (input) => plan().mutate({ label: `Remove scenario ${input.name}`, source }, (h) => (removeScenario(h, input.name), null)),
    'scenarios:schedule': (input) => scenarioSchedule(reader(), input.name, input.asOf),
    'scenarios:compare': (input) => compareScenarios(reader(), input.names, input.asOf),
    'scenarios:adopt': (input) =>
      plan().mutate({ label: `Adopt scenario ${input.name}`, source }, (h) => {
        const scenario = adoptScenario(h, input.name);
        return { scenario: scenario.name, replan: scheduling.replanWithin(h) };
      }),
    'team:status': () => workspace.teamStatus(),
    'team:share': (input) => workspace.shareWithTeam(input),
    'team:join': (input) => workspace.joinTeam(input),
    'team:syncNow': async () => {
      const link = await workspace.team();
      if (link) {
        link.retryNow();
        await link.runRound();
      }
      return workspace.teamStatus();
    },
    'team:reviews': () => listReviews(reader()),
    'team:decide': async (input) => {
      const link = await workspace.team();
      if (!link) throw new UserError('refused', workspace.teamStatus() ? 'This plan is not connected to its team here, so nothing can be decided.' : 'This plan does not belong to a team.');
      await link.decide(input.id, input.choice);
      return workspace.teamStatus();
    },
    'report:pdf': async (input) => {
      const { countPdfPages, renderReportPdf, reportModelOf } = await report();
      const model = reportModelOf(reader(), input);
      const pdf = await renderReportPdf(model, input.paper);
      return downloadOf(`${safeFileStem(model.title)} report ${model.asOf}.pdf`, 'application/pdf', pdf, countPdfPages(pdf));
    },
  };
}
