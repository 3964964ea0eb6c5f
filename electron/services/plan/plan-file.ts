/**
 * One open plan file: every read and write the app makes on a plan. Each write is one transaction
 * that also writes its audit entries. No `electron` here: the CLI, web mode and tests use it as is.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportSummary, PlanInfo, SitePatch, ErpPatch } from '../../../shared/contract';
import { erpSchema, siteSchema, type AuditSource, type ChecklistItem, type ChecklistStatus, type DateWindow, type Erp, type Site } from '../../../shared/domain';
import { parseWithProblems, serializeWavePlan, validateWavePlan, type WavePlan } from '../../../shared/interchange';
import { type PlanSettings } from '../../../shared/settings';
import { UserError } from '../errors';
import { AuditWriter, listAudit } from './audit';
import { backupPlan } from './backup';
import * as read from './content-reader';
import * as write from './content-writer';
import { openPlanDatabase } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { readChecklist, updateChecklistItem } from './schedule-store';
import { checkSiteReferences } from './site-references';
import { statement } from './statements';

export interface PlanFileOptions {
  actor: string;
}

export class PlanFile {
  readonly warnings: string[];
  readonly backupPath: string | null;

  private constructor(
    readonly path: string,
    readonly db: Database.Database,
    private readonly options: PlanFileOptions,
    opened: { warnings: string[]; backupPath: string | null },
  ) {
    this.warnings = opened.warnings;
    this.backupPath = opened.backupPath;
  }

  /** Opens an existing plan file, migrating it to the current schema if it is older. */
  static open(path: string, options: PlanFileOptions): PlanFile {
    const opened = openPlanDatabase(path, { create: false });
    if (!read.readPlanRow(opened.db)) {
      opened.db.close();
      throw new UserError('refused', `${path} has no plan in it; it may have been left half-made. Create a new plan instead.`);
    }
    return new PlanFile(path, opened.db, options, opened);
  }

  /** Creates a new plan file with `content`, or opens `path` first when it already holds a plan. */
  static create(path: string, content: WavePlan, options: PlanFileOptions & { source: AuditSource }): PlanFile {
    const opened = openPlanDatabase(path, { create: true });
    const file = new PlanFile(path, opened.db, options, opened);
    if (read.readPlanRow(opened.db)) {
      opened.db.close();
      throw new UserError('refused', `${path} already holds a plan; open it, or choose another file name.`);
    }
    file.write(options.source, (audit) => {
      opened.db
        .prepare('INSERT INTO plan (id, uid, name, start_date, created_at) VALUES (1, ?, ?, ?, ?)')
        .run(randomUUID(), content.plan.name, content.plan.startDate, new Date().toISOString());
      write.replaceContent(opened.db, content, audit);
      audit.record('plan', content.plan.name, 'created', null, basename(path));
    });
    return file;
  }

  close(): void {
    if (this.db.open) {
      this.db.pragma('optimize');
      this.db.close();
    }
  }

  /** Runs `change` as one transaction with its audit entries: all of it is written, or none. */
  write<T>(source: AuditSource, change: (audit: AuditWriter) => T): T {
    return this.db.transaction(() => change(new AuditWriter(this.db, { actor: this.options.actor, source })))();
  }

  get actor(): string {
    return this.options.actor;
  }

  info(): PlanInfo {
    const row = read.readPlanRow(this.db)!;
    const counts = this.db
      .prepare('SELECT count(*) AS sites, coalesce(sum(excluded = 0), 0) AS activeSites, (SELECT count(*) FROM erps) AS erps FROM sites')
      .get() as PlanInfo['counts'];
    return {
      path: this.path,
      fileName: basename(this.path),
      uid: row.uid,
      name: row.name,
      startDate: row.start_date,
      settings: read.readSettings(this.db),
      holidays: read.readHolidays(this.db),
      freezeWindows: read.readFreezeWindows(this.db),
      lighthouseOverride: row.lighthouse_override,
      counts,
      schemaVersion: LATEST_SCHEMA_VERSION,
      actor: this.options.actor,
      warnings: this.warnings,
    };
  }

  updatePlan(
    patch: { name?: string; startDate?: string; holidays?: string[]; freezeWindows?: DateWindow[]; lighthouseOverride?: string | null },
    source: AuditSource,
  ): PlanInfo {
    const before = this.info();
    this.write(source, (audit) => {
      if (patch.name !== undefined || patch.startDate !== undefined) {
        const name = patch.name ?? before.name;
        const startDate = patch.startDate ?? before.startDate;
        statement(this.db, 'UPDATE plan SET name = ?, start_date = ? WHERE id = 1').run(name, startDate);
        audit.recordChanges('plan', before.uid, { name: before.name, startDate: before.startDate }, { name, startDate });
      }
      if (patch.holidays !== undefined) {
        const holidays = [...new Set(patch.holidays)].sort();
        write.writeHolidays(this.db, holidays);
        audit.recordChanges('plan', before.uid, { holidays: before.holidays }, { holidays });
      }
      if (patch.lighthouseOverride !== undefined) {
        if (patch.lighthouseOverride !== null && write.siteIdOf(this.db, patch.lighthouseOverride) === undefined) {
          throw new UserError('invalid-input', `No site with code "${patch.lighthouseOverride}" to be the lighthouse.`);
        }
        statement(this.db, 'UPDATE plan SET lighthouse_override = ? WHERE id = 1').run(patch.lighthouseOverride);
        audit.recordChanges('plan', before.uid, { lighthouseOverride: before.lighthouseOverride }, { lighthouseOverride: patch.lighthouseOverride });
      }
      if (patch.freezeWindows !== undefined) {
        write.writeFreezeWindows(this.db, patch.freezeWindows);
        audit.recordChanges('plan', before.uid, { freezeWindows: before.freezeWindows }, { freezeWindows: patch.freezeWindows });
      }
    });
    return this.info();
  }

  updateSettings(patch: Partial<PlanSettings>, source: AuditSource): PlanInfo {
    const before = read.readSettings(this.db);
    const after = { ...before, ...patch };
    this.write(source, (audit) => {
      write.writeSettings(this.db, after);
      audit.recordChanges('settings', 'plan', before, after);
    });
    return this.info();
  }

  listErps(): Erp[] {
    return read.readErps(this.db);
  }

  updateErp(code: string, patch: ErpPatch, source: AuditSource): Erp {
    const before = read.readErps(this.db, code)[0];
    if (!before) throw new UserError('not-found', `No ERP with code "${code}".`);
    const merged = parseWithProblems(erpSchema, { ...before, ...patch });
    if (!merged.ok) throw new UserError('invalid-input', `ERP ${code}: ${merged.problems[0]!.path} ${merged.problems[0]!.message}`, merged.problems);
    const after = merged.value;
    if (after.code.toLowerCase() !== before.code.toLowerCase() && read.readErps(this.db, after.code).length > 0) {
      throw new UserError('conflict', `An ERP with code "${after.code}" already exists.`);
    }
    this.write(source, (audit) => {
      write.updateErpRow(this.db, before.code, after);
      audit.recordChanges('erp', before.code, before, after);
    });
    return read.readErps(this.db, after.code)[0]!;
  }

  listSites(): Site[] {
    return read.readSites(this.db);
  }

  getSite(code: string): Site {
    const site = read.readSites(this.db, code)[0];
    if (!site) throw new UserError('not-found', `No site with code "${code}".`);
    return site;
  }

  updateSite(code: string, patch: SitePatch, source: AuditSource): Site {
    return this.write(source, (audit) => this.applySitePatch(code, patch, audit));
  }

  /** Validates and writes a site edit inside the caller's transaction. */
  applySitePatch(code: string, patch: SitePatch, audit: AuditWriter): Site {
    const before = this.getSite(code);
    const merged = parseWithProblems(siteSchema, { ...before, ...patch });
    if (!merged.ok) {
      const first = merged.problems[0]!;
      throw new UserError('invalid-input', `Site ${code}: ${first.path} ${first.message}`, merged.problems);
    }
    const after = merged.value;
    const siteId = write.siteIdOf(this.db, before.code)!;
    if (after.code.toLowerCase() !== before.code.toLowerCase() && write.siteIdOf(this.db, after.code) !== undefined) {
      throw new UserError('conflict', `A site with code "${after.code}" already exists.`);
    }
    checkSiteReferences(this.db, code, after);
    write.updateSiteRow(this.db, siteId, after);
    write.writeBlackouts(this.db, siteId, after.blackouts);
    write.writePredecessors(this.db, siteId, after.predecessors);
    const { readiness: _before, ...beforeFields } = before;
    const { readiness: _after, ...afterFields } = after;
    audit.recordChanges('site', before.code, beforeFields, afterFields);
    return this.getSite(after.code);
  }

  setLighthouseOverride(code: string | null, source: AuditSource): void {
    const before = read.readPlanRow(this.db)!;
    this.write(source, (audit) => {
      statement(this.db, 'UPDATE plan SET lighthouse_override = ? WHERE id = 1').run(code);
      audit.record('plan', before.uid, 'lighthouseOverride', before.lighthouse_override, code);
    });
  }

  setReadiness(
    input: { site: string; dimension: string; score: number | null; targetDate: string | null; comment: string },
    source: AuditSource,
  ): Site {
    const site = this.getSite(input.site);
    const dimensions = read.readDimensions(this.db);
    if (!dimensions.some((d) => d.key === input.dimension)) {
      throw new UserError('invalid-input', `Unknown readiness dimension "${input.dimension}" (known: ${dimensions.map((d) => d.key).join(', ')}).`);
    }
    const before = site.readiness[input.dimension] ?? { score: null, targetDate: null };
    this.write(source, (audit) => {
      write.appendReadiness(this.db, { siteId: write.siteIdOf(this.db, site.code)!, ...input }, audit);
      audit.recordChanges(
        'readiness',
        `${site.code}/${input.dimension}`,
        { score: before.score, targetDate: before.targetDate },
        { score: input.score, targetDate: input.targetDate },
      );
    });
    return this.getSite(site.code);
  }

  readinessHistory(site: string, dimension?: string) {
    this.getSite(site);
    return read.readReadinessHistory(this.db, site, dimension);
  }

  dimensions() {
    return read.readDimensions(this.db);
  }

  playbook() {
    return read.readPlaybook(this.db);
  }

  audit(filter: { entity?: string; entityId?: string; limit: number }) {
    return listAudit(this.db, filter);
  }

  /** The whole plan in the interchange format. */
  exportWavePlan(): WavePlan {
    const info = this.info();
    return {
      format: 'wave-plan',
      version: 1,
      plan: {
        name: info.name,
        startDate: info.startDate,
        settings: info.settings,
        holidays: info.holidays,
        freezeWindows: info.freezeWindows,
        lighthouseOverride: info.lighthouseOverride,
      },
      readinessDimensions: this.dimensions(),
      erps: this.listErps(),
      sites: this.listSites(),
      playbook: this.playbook(),
    };
  }

  exportWavePlanText(): string {
    return serializeWavePlan(this.exportWavePlan());
  }

  /**
   * Replaces the plan's content with a `wave-plan` document, all or nothing, after a backup.
   * Refuses the whole document, naming each problem's JSON path, if any part of it is invalid.
   */
  importWavePlan(document: unknown, fileName: string, source: AuditSource): ImportSummary {
    const validation = validateWavePlan(document);
    if (!validation.ok) {
      const first = validation.problems[0]!;
      throw new UserError('invalid-input', `${fileName}: ${first.path ? `${first.path}: ` : ''}${first.message}`, validation.problems);
    }
    const plan = validation.value;
    const backupPath = backupPlan(this.db, this.path, 'import');
    this.write(source, (audit) => {
      write.replaceContent(this.db, plan, audit);
      audit.record('plan', this.info().uid, 'import', null, `${fileName}: ${plan.sites.length} sites, ${plan.erps.length} ERPs`);
    });
    return { fileName, sites: plan.sites.length, erps: plan.erps.length, backupPath };
  }

  checklist(site?: string): ChecklistItem[] {
    if (site !== undefined) this.getSite(site);
    return readChecklist(this.db, site);
  }

  updateChecklistItem(id: number, patch: { status?: ChecklistStatus; owner?: string; note?: string }, source: AuditSource): ChecklistItem {
    const updated = this.write(source, (audit) => updateChecklistItem(this.db, id, patch, audit));
    if (!updated) throw new UserError('not-found', `No checklist item ${id}.`);
    return updated;
  }

  /** A consistent copy of the plan at `target` (the open plan stays where it is). */
  saveCopy(target: string): void {
    if (resolve(target) === resolve(this.path)) throw new UserError('refused', 'A copy cannot replace the open plan itself.');
    // VACUUM INTO refuses an existing file: write beside it, then swap it in whole.
    const temporary = `${target}.${process.pid}.partial`;
    rmSync(temporary, { force: true });
    try {
      this.db.prepare('VACUUM INTO ?').run(temporary);
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new UserError('refused', `Could not save a copy to ${target}: ${(error as Error).message}.`);
    }
  }
}
