// Rolling backups of the open plan: taken with SQLite's backup API, checked, pruned to the retention
// rule, listed and restored (after backing up the state they replace).
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckedPlans } from '../../electron/services/plan/checked-plans';
import { backupFolderOf, backupsToKeep, isIntact, listBackups } from '../../electron/services/plan/backup';
import { networkFileSystemOf } from '../../electron/services/plan/network-drive';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import type { BackupInfo, SitePatch } from '../../shared/contract';
import { reads } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

function fake(takenAt: string): BackupInfo {
  return { file: `${takenAt}.waveplan`, path: '', takenAt, reason: 'editing', bytes: 1 };
}

async function openedWorkspace() {
  const workspace = new Workspace(tempDir(), 'ui', { watchOtherProcesses: false });
  workspace.openLastOrSample();
  // The backup taken on open runs in the background.
  await expect.poll(() => workspace.backups().length).toBe(1);
  const dispatch = createDispatch(createHandlers(workspace));
  const renameDetroit = async (patch: SitePatch) => {
    const result = await dispatch('sites:update', { code: 'US-DET', patch });
    if (!result.ok) throw new Error(result.error.message);
  };
  return Object.assign(workspace, { renameDetroit, read: () => reads(workspace.requirePlan()), dispatch });
}

describe('backups of the open plan', () => {
  it('keeps at most three from today, the newest of each earlier day, and ten in all', () => {
    const today = ['2026-11-23T15:00:00.000Z', '2026-11-23T14:00:00.000Z', '2026-11-23T13:00:00.000Z', '2026-11-23T12:00:00.000Z'];
    const earlier = Array.from({ length: 12 }, (_, i) => [`2026-11-${String(22 - i).padStart(2, '0')}T18:00:00.000Z`, `2026-11-${String(22 - i).padStart(2, '0')}T08:00:00.000Z`]).flat();
    const kept = backupsToKeep([...today, ...earlier].map(fake), '2026-11-23').map((b) => b.takenAt);
    expect(kept).toHaveLength(10);
    expect(kept.slice(0, 3)).toEqual(today.slice(0, 3));
    expect(kept.slice(3)).toEqual(['2026-11-22T18:00:00.000Z', '2026-11-21T18:00:00.000Z', '2026-11-20T18:00:00.000Z', '2026-11-19T18:00:00.000Z', '2026-11-18T18:00:00.000Z', '2026-11-17T18:00:00.000Z', '2026-11-16T18:00:00.000Z']);
  });

  it('backs up on open and after edits, each copy intact, never more than three from today', async () => {
    const workspace = await openedWorkspace();
    expect(await workspace.backupIfEdited()).toBeNull();
    for (let i = 0; i < 4; i += 1) {
      await workspace.renameDetroit({ headcount: 2000 + i });
      expect(await workspace.backupIfEdited()).toMatchObject({ reason: 'editing' });
    }
    const backups = workspace.backups();
    expect(backups).toHaveLength(3);
    for (const b of backups) expect(isIntact(b.path)).toBe(true);
    const newest = new Database(backups[0]!.path, { readonly: true });
    expect(newest.prepare("SELECT headcount FROM sites WHERE code = 'US-DET'").get()).toEqual({ headcount: 2003 });
    newest.close();
    workspace.close();
  });

  it('restores a backup as one undoable step, after backing up the current state', async () => {
    const workspace = await openedWorkspace();
    const opened = workspace.backups()[0]!;
    await workspace.renameDetroit({ name: 'Detroit Press Shop' });
    const edited = workspace.read().exportText();
    const restored = await workspace.dispatch('backups:restore', { file: opened.file });
    expect(restored).toMatchObject({ ok: true, value: { value: { name: 'Northwind VisionQC rollout' } } });
    expect(workspace.read().site('US-DET').name).toBe('Detroit Stamping');
    // The audit log and the history stay: the restore is an edit like any other.
    expect(workspace.read().audit({ limit: 1 })[0]).toMatchObject({ field: 'restored', newValue: expect.stringContaining('(open)') });
    expect(await workspace.dispatch('history:undo', {})).toMatchObject({ ok: true, value: { value: { label: expect.stringMatching(/^Restore the backup of /) } } });
    expect(workspace.read().exportText()).toBe(edited);
    // The state before the restore was also kept as a backup.
    const before = workspace.backups().find((b) => b.reason === 'before restore')!;
    await workspace.restoreBackup(before.file);
    expect(workspace.read().site('US-DET').name).toBe('Detroit Press Shop');
    workspace.close();
  });

  it('refuses to restore a damaged backup and keeps the plan as it is', async () => {
    const workspace = await openedWorkspace();
    const [opened] = workspace.backups();
    writeFileSync(opened!.path, Buffer.alloc(8192, 7));
    await expect(workspace.restoreBackup(opened!.file)).rejects.toThrow(/does not pass its integrity check/);
    expect(workspace.read().site('US-DET').name).toBe('Detroit Stamping');
    expect(listBackups(workspace.requirePlan().path).some((b) => b.reason === 'before restore')).toBe(false);
    workspace.close();
  });

  it('explains a damaged plan at open, names its newest good backup, and restores it keeping the damaged file', async () => {
    const workspace = await openedWorkspace();
    const path = workspace.requirePlan().path;
    workspace.close();
    // Damage the file in the middle (its header stays, pages break).
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 8192, 16384);
    writeFileSync(path, bytes);
    expect(() => workspace.openPlan(path)).toThrow(/damaged|not a Wave Planner plan/);
    expect(() => workspace.openPlan(path)).toThrow(/newest good backup is from .* \(open\)/);
    const info = workspace.restoreNewestBackup(path);
    expect(info.name).toBe('Northwind VisionQC rollout');
    expect(workspace.read().sites()).toHaveLength(24);
    expect(readdirSync(dirname(path)).some((f) => f.includes('.damaged-'))).toBe(true);
    workspace.close();
  });

  it('checks a plan again after any change since its clean close, even one that put its modification time back', async () => {
    const workspace = await openedWorkspace();
    const path = workspace.requirePlan().path;
    workspace.close();
    const checked = new CheckedPlans(workspace.dataDir);
    // Closed cleanly and untouched: its next opening need not read every page again.
    expect(checked.unchangedSinceClose(path)).toBe(true);
    workspace.openPlan(path);
    workspace.close();
    expect(checked.unchangedSinceClose(path)).toBe(true);

    const before = statSync(path);
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 8192, 16384);
    writeFileSync(path, bytes);
    // As a copy tool that keeps times would (to the millisecond: that is what it is given).
    utimesSync(path, before.atime, before.mtime);
    expect(Math.abs(statSync(path).mtimeMs - before.mtimeMs)).toBeLessThan(1);
    expect(checked.unchangedSinceClose(path)).toBe(false);
    expect(() => workspace.openPlan(path)).toThrow(/damaged|not a Wave Planner plan/);
    // A refused plan is not remembered as good.
    expect(checked.unchangedSinceClose(path)).toBe(false);
  });

  it('compares the schema again when a trigger was added after a clean close, times put back or not', async () => {
    const workspace = await openedWorkspace();
    const path = workspace.requirePlan().path;
    workspace.close();
    const before = statSync(path);
    const raw = new Database(path);
    raw.exec('CREATE TRIGGER wipe AFTER INSERT ON commits BEGIN DELETE FROM audit_log; END;');
    raw.close();
    utimesSync(path, before.atime, before.mtime);
    expect(new CheckedPlans(workspace.dataDir).unchangedSinceClose(path)).toBe(false);
    expect(() => workspace.openPlan(path)).toThrow(/changed outside Wave Planner: it has a trigger "wipe"/);
  });

  it('keeps the 15-minute backups running after a restore, and leaves no journal files beside any backup', async () => {
    const workspace = await openedWorkspace();
    workspace.startBackupTimer();
    await workspace.backup('editing');
    const path = workspace.requirePlan().path;
    workspace.restoreNewestBackup(path);
    expect(workspace.backupTimerRunning).toBe(true);
    await workspace.backup('after restore');
    workspace.requirePlan().backupNow('import');
    expect(readdirSync(backupFolderOf(path)).filter((f) => !f.endsWith('.waveplan'))).toEqual([]);
    workspace.close();
    expect(workspace.backupTimerRunning).toBe(false);
  });

  it('warns about a plan on a network file system', () => {
    const mounts = ['/dev/sda1 / ext4 rw 0 0', 'server:/export /mnt/plans nfs4 rw 0 0', '//nas/team /media/team cifs rw 0 0'].join('\n');
    expect(networkFileSystemOf('/mnt/plans/rollout.waveplan', mounts, 'linux')).toBe('nfs4');
    expect(networkFileSystemOf('/media/team/x.waveplan', mounts, 'linux')).toBe('cifs');
    expect(networkFileSystemOf('/home/pm/rollout.waveplan', mounts, 'linux')).toBeNull();
    expect(networkFileSystemOf('\\\\nas\\team\\rollout.waveplan', undefined, 'win32')).toBe('a Windows network share');
  });
});
