/** The backend side of every contract operation, over one workspace. Inputs arrive validated. */
import { type OperationName, type OperationOutput, type ParsedInput } from '../../shared/contract';
import { parseJsonText } from '../../shared/interchange';
import { UserError } from './errors';
import { compareBaseline, listBaselines, saveBaseline } from './plan/baselines';
import * as scheduling from './plan/scheduling';
import { createSite, deleteSites, restoreSites, updateSites } from './plan/site-lifecycle';
import { holidayCountries, publicHolidays } from './public-holidays';
import { commitSheetImport, previewSheetImport } from './sheets/sheet-import-service';
import { exportFile, safeFileStem } from './exports/export-file';
import { importPacket, makePackets, openPacket, packetFile, previewPacket, sealPacket } from './packets';
import { countPdfPages, renderReportPdf, reportModelOf } from './report/render-report';

import type { Workspace } from './workspace';

export type Handlers = {
  [N in OperationName]: (input: ParsedInput<N>) => OperationOutput<N> | Promise<OperationOutput<N>>;
};

export function createHandlers(workspace: Workspace): Handlers {
  const plan = () => workspace.requirePlan();
  const source = workspace.source;
  return {
    'plan:current': () => workspace.plan?.info() ?? null,
    'plan:new': (input) => workspace.newPlan(input),
    'plan:open': (input) => workspace.openPlan(input.path),
    'plan:recent': () => workspace.appSettings.recentPlans,
    'plan:restoreNewestBackup': (input) => workspace.restoreNewestBackup(input.path),
    'plan:saveCopy': (input) => {
      plan().saveCopy(input.path);
      return { path: input.path };
    },
    'plan:update': (input) => plan().updatePlan(input, source),
    'settings:update': (input) => plan().updateSettings(input, source),
    'erps:list': () => plan().listErps(),
    'erps:update': (input) => plan().updateErp(input.code, input.patch, source),
    'sites:list': () => plan().listSites(),
    'sites:get': (input) => plan().getSite(input.code),
    'sites:update': (input) => plan().updateSite(input.code, input.patch, source),
    'sites:updateMany': (input) => updateSites(plan(), input.codes, input.patch, source),
    'sites:create': (input) => createSite(plan(), input.site, source),
    'sites:delete': (input) => deleteSites(plan(), input.codes, source),
    'sites:restore': (input) => restoreSites(plan(), input.deleted, source),
    'readiness:dimensions': () => plan().dimensions(),
    'readiness:set': (input) => plan().setReadiness(input, source),
    'readiness:history': (input) => plan().readinessHistory(input.site, input.dimension),
    'playbook:get': () => plan().playbook(),
    'playbook:save': (input) => scheduling.savePlaybook(plan(), input.tasks, input.note, source),
    'audit:list': (input) => plan().audit(input),
    'interchange:export': () => {
      const file = plan();
      return { fileName: `${safeFileStem(file.info().name)}.wave-plan.json`, mimeType: 'application/json', content: file.exportWavePlanText() };
    },
    'interchange:import': (input) => {
      const parsed = parseJsonText(input.content);
      if (!parsed.ok) throw new UserError('invalid-input', `${input.fileName}: ${parsed.problems[0]!.message}`, parsed.problems);
      return plan().importWavePlan(parsed.value, input.fileName, source);
    },
    'exports:file': async (input) => {
      const file = await exportFile(plan(), input.format);
      return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
    },
    'packets:export': (input) => makePackets(plan(), input),
    'packets:open': (input) => openPacket(input.fileName, input.content),
    'packets:seal': (input) => packetFile(sealPacket(input.packet)),
    'packets:preview': (input) => previewPacket(plan(), input.fileName, input.content),
    'packets:import': async (input) => {
      // Checked before the backup, so a refused packet leaves no backup behind.
      previewPacket(plan(), input.fileName, input.content);
      await workspace.backup('before packet merge');
      return importPacket(plan(), input.fileName, input.content, input.decisions);
    },
    'sheets:preview': (input) => previewSheetImport(plan(), input.fileName, Buffer.from(input.base64, 'base64'), input.choices),
    'sheets:import': (input) => commitSheetImport(plan(), input.fileName, Buffer.from(input.base64, 'base64'), input.choices, 'import'),
    'schedule:generate': (input) => scheduling.generateAndStore(plan(), input.asOf, source),
    'schedule:current': () => scheduling.currentSchedule(plan()),
    'schedule:pin': (input) => scheduling.pinSite(plan(), input.site, input.pinned, source),
    'schedule:lock': (input) => scheduling.lockWave(plan(), input.wave, input.locked, source),
    'schedule:move': (input) => scheduling.moveAndStore(plan(), input.site, input.wave, input.goLive, source),
    'schedule:lighthouse': (input) => scheduling.overrideLighthouse(plan(), input.site, source),
    'schedule:restore': (input) => scheduling.restoreSchedule(plan(), input.id, source),
    'checklist:list': (input) => plan().checklist(input.site),
    'checklist:update': (input) => plan().updateChecklistItem(input.id, input, source),
    'holidays:countries': () => holidayCountries(),
    'holidays:public': (input) => publicHolidays(input.country, input.fromYear, input.toYear),
    'backups:list': () => workspace.backups(),
    'backups:take': () => workspace.backup('by hand'),
    'backups:restore': (input) => workspace.restoreBackup(input.file),
    'baselines:list': () => listBaselines(plan()),
    'baselines:save': (input) => saveBaseline(plan(), input.name, source),
    'baselines:compare': (input) => compareBaseline(plan(), input.name),
    'report:pdf': async (input) => {
      const file = plan();
      const model = reportModelOf(file, input);
      const pdf = await renderReportPdf(model, input.paper);
      return {
        fileName: `${safeFileStem(model.title)} report ${model.asOf}.pdf`,
        mimeType: 'application/pdf',
        base64: pdf.toString('base64'),
        pages: countPdfPages(pdf),
      };
    },
  };
}
