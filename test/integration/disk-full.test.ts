// A disk that will not take more: simulated with a file-size limit (RLIMIT_FSIZE) on the command
// line's process, so that writes fail as they would on a full disk, without special privileges.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backupFolderOf } from '../../electron/services/plan/backup';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { makePlanFile, reads, TEST_ACTOR } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));

/** Runs the command line with files limited to `bytes` (the shell counts 512-byte blocks); SIGXFSZ ignored, so writes fail instead. */
function cliWithLimit(bytes: number, dir: string, ...args: string[]) {
  const command = `trap '' XFSZ; ulimit -f ${Math.ceil(bytes / 512)}; exec "$0" "$@"`;
  return spawnSync('sh', ['-c', command, process.execPath, BIN, ...args], { encoding: 'utf8', env: { ...process.env, WAVE_PLANNER_HOME: join(dir, 'home') } });
}

describe('a full disk', () => {
  it('is reported as such, changes nothing, and leaves no empty output, partial backup or journal behind', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'home'));
    makePlanFile(dir).close();
    const path = join(dir, 'plan.waveplan');
    const rows = ['code,name,region,erp,leadershipWillingness,workflowRepresentativeness,technicalSophistication'];
    for (let i = 0; i < 5000; i += 1) rows.push(`X${i},Plant ${i} with a name long enough to fill pages,EMEA,SAP-S4,3,3,3`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));

    // Room for the backup taken before the import, not for the import itself.
    const imported = cliWithLimit(statSync(path).size + 64 * 1024, dir, 'import', join(dir, 'big.csv'), '--plan', path);
    expect(imported.stderr).toBe(`wave-planner import: The disk holding ${dir} is full (or will not take more data); nothing was changed. Free some space and try again.\n`);
    expect(imported.status).toBe(1);
    const plan = PlanFile.open(path, { actor: TEST_ACTOR });
    expect(reads(plan).sites()).toHaveLength(24);
    plan.close();
    expect(readdirSync(backupFolderOf(path)).every((f) => f.endsWith('.waveplan'))).toBe(true);

    const pdf = join(dir, 'report.pdf');
    const exported = cliWithLimit(64 * 1024, dir, 'export', '--plan', path, '--pdf', pdf);
    expect(exported.stderr).toBe(`wave-planner export: The disk holding ${dir} is full (or will not take more data); report.pdf was not written. Free some space and try again.\n`);
    expect(exported.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'home', 'plan.waveplan', 'plan.waveplan.backups']);
  }, 60_000);
});
