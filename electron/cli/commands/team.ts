/**
 * `wave-planner team …`: the team server (serve, invite, members, revoke) and a member's side of it
 * (share, join, sync), for people at a terminal and for scripts and tests.
 */
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { teamStateInWords, type TeamRole } from '../../../shared/team';
import { defaultDataDir } from '../../services/app-settings';
import { UserError } from '../../services/errors';
import { listReviews } from '../../services/team/reviews';
import { Registry } from '../../services/team/server/registry';
import { startTeamServer } from '../../services/team/server/team-server';
import { Workspace } from '../../services/workspace';
import { EXIT, textTable, type CommandArgs, type CommandOutput } from '../output';

export const TEAM_USAGE = `Usage:
  wave-planner team serve --data DIR [--port N] [--host 127.0.0.1]
  wave-planner team invite --data DIR --role planner|site-lead [--site CODE ...] [--name NAME] [--email EMAIL]
  wave-planner team members --data DIR [--json]
  wave-planner team revoke MEMBER --data DIR            (MEMBER: id, e-mail or name)
  wave-planner team share --plan FILE --server URL --code CODE [--name NAME] [--email EMAIL]
  wave-planner team join --server URL --code CODE --plan FILE [--name NAME] [--email EMAIL]
  wave-planner team sync --plan FILE [--wait S] [--json]
`;

const DEFAULT_WAIT_S = 30;

function need(args: CommandArgs, ...names: string[]): void {
  const missing = names.filter((n) => !args.values[n]);
  if (missing.length > 0) throw new UsageProblem(`needs ${missing.map((n) => `--${n}`).join(' and ')}`);
}

class UsageProblem extends Error {}

export async function runTeam(args: CommandArgs, out: CommandOutput): Promise<number> {
  const [action, ...rest] = args.positionals;
  try {
    switch (action) {
      case 'serve':
        need(args, 'data');
        return await serve(args, out);
      case 'invite':
        need(args, 'data', 'role');
        return invite(args, out);
      case 'members':
        need(args, 'data');
        return members(args, out);
      case 'revoke':
        need(args, 'data');
        if (rest.length !== 1) throw new UsageProblem('names one member (id, e-mail or name)');
        return revoke(args, rest[0]!, out);
      case 'share':
        need(args, 'plan', 'server', 'code');
        return await share(args, out);
      case 'join':
        need(args, 'plan', 'server', 'code');
        return await join(args, out);
      case 'sync':
        need(args, 'plan');
        return await sync(args, out);
      default:
        throw new UsageProblem(action ? `has no action "${action}"` : 'needs an action');
    }
  } catch (error) {
    if (!(error instanceof UsageProblem)) throw error;
    out.stderr(`wave-planner team: ${error.message}.\n\n${TEAM_USAGE}`);
    return EXIT.usage;
  }
}

async function serve(args: CommandArgs, out: CommandOutput): Promise<number> {
  const port = args.values.port === undefined ? 0 : Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageProblem(`--port must be a number from 0 to 65535 (got ${args.values.port})`);
  const dataDir = resolve(args.values.data!);
  const server = await startTeamServer({ dataDir, port, host: args.values.host ?? '127.0.0.1' });
  out.stdout(`Wave Planner team server on ${server.url} (data: ${dataDir})\nInvite members with: wave-planner team invite --data ${JSON.stringify(dataDir)} --role planner\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  out.stdout('Team server stopped.\n');
  return EXIT.ok;
}

function invite(args: CommandArgs, out: CommandOutput): number {
  const role = args.values.role as TeamRole;
  if (role !== 'planner' && role !== 'site-lead') throw new UsageProblem(`--role is planner or site-lead (got ${args.values.role})`);
  const sites = (args.values.site ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const code = new Registry(resolve(args.values.data!)).invite({ role, sites, name: args.values.name, email: args.values.email });
  out.stdout(`${code}\n`);
  out.stderr(`A one-time join code for a ${role}${sites.length ? ` of ${sites.join(', ')}` : ''}. Give it to them with the server's address; it works once.\n`);
  return EXIT.ok;
}

function members(args: CommandArgs, out: CommandOutput): number {
  const team = new Registry(resolve(args.values.data!)).read();
  const list = team.members.map(({ keyHash: _key, ...m }) => m);
  if (args.values.json !== undefined) {
    out.stdout(`${JSON.stringify({ plan: team.planName, members: list, invitesOpen: team.invites.filter((i) => !i.usedAt).length }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (list.length === 0) out.stdout('No members yet: `wave-planner team invite` makes a join code.\n');
  else out.stdout(`${textTable([['Id', 'Name', 'E-mail', 'Role', 'Sites', 'Joined', 'Access'], ...list.map((m) => [m.id, m.name, m.email, m.role, m.sites.join(', '), m.joinedAt.slice(0, 16).replace('T', ' '), m.revokedAt ? `revoked ${m.revokedAt.slice(0, 16).replace('T', ' ')}` : 'yes'])])}\n`);
  return EXIT.ok;
}

function revoke(args: CommandArgs, who: string, out: CommandOutput): number {
  const member = new Registry(resolve(args.values.data!)).revoke(who);
  out.stdout(`Revoked ${member.name} (${member.id}): a running server disconnects them at once, and their key no longer works.\n`);
  return EXIT.ok;
}

const workspaceFor = (teamSync: boolean) => new Workspace(defaultDataDir(), 'cli', { watchOtherProcesses: false, interactive: false, teamSync });

async function share(args: CommandArgs, out: CommandOutput): Promise<number> {
  const workspace = workspaceFor(false);
  try {
    workspace.openPlan(resolve(args.values.plan!));
    const status = await workspace.shareWithTeam({ server: args.values.server!, code: args.values.code!, name: args.values.name, email: args.values.email });
    out.stdout(`Shared "${workspace.plan!.info().name}" with the team at ${status.server}; you take part as ${status.member} (planner).\n`);
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

async function join(args: CommandArgs, out: CommandOutput): Promise<number> {
  const workspace = workspaceFor(false);
  try {
    const info = await workspace.joinTeam({ server: args.values.server!, code: args.values.code!, path: resolve(args.values.plan!), name: args.values.name, email: args.values.email });
    const status = workspace.teamStatus()!;
    out.stdout(`Joined the team's plan "${info.name}" as ${status.member} (${status.role}${status.sites.length ? ` of ${status.sites.join(', ')}` : ''}): ${info.path}\n`);
    return EXIT.ok;
  } finally {
    workspace.close();
  }
}

async function sync(args: CommandArgs, out: CommandOutput): Promise<number> {
  const wait = args.values.wait === undefined ? DEFAULT_WAIT_S : Number(args.values.wait);
  if (!Number.isFinite(wait) || wait < 0 || wait > 3600) throw new UsageProblem(`--wait is a number of seconds from 0 to 3600 (got ${args.values.wait})`);
  const workspace = workspaceFor(true);
  try {
    workspace.openPlan(resolve(args.values.plan!));
    const link = await workspace.team();
    const status = workspace.teamStatus();
    if (!status) throw new UserError('refused', `${args.values.plan} is not a team plan: share it first (wave-planner team share).`);
    if (!link) throw new UserError('refused', status.state === 'revoked' ? 'This member’s access to the team was revoked; the plan stays as it is.' : 'This computer does not hold the key of this plan’s team member: join the team here instead.');
    const refusedBefore = status.refusals.length;
    const deadline = Date.now() + wait * 1000;
    let now = link.status();
    for (;;) {
      await link.runRound();
      now = link.status();
      if (now.state === 'revoked' || now.refusals.length > refusedBefore) break;
      if (link.inStep()) {
        // Once more, after a pause, so what the server had just sent is taken too.
        await delay(150);
        await link.runRound();
        if (link.inStep()) break;
      }
      if (Date.now() > deadline) break;
      await delay(100);
    }
    now = link.status();
    const inStep = link.inStep();
    const reviews = listReviews(workspace.plan!.reader);
    const refusals = now.refusals.slice(0, now.refusals.length - refusedBefore);
    if (args.values.json !== undefined) {
      out.stdout(`${JSON.stringify({ inStep, state: now.state, sent: link.counts.sent, received: link.counts.received, waiting: now.waiting, reviews, refusals }, null, 2)}\n`);
    } else {
      out.stdout(`${teamStateInWords(now)}: sent ${link.counts.sent} change${link.counts.sent === 1 ? '' : 's'}, took ${link.counts.received} from the team${reviews.length ? `; ${reviews.length} in Needs review` : ''}.\n`);
      for (const r of refusals) out.stderr(`wave-planner team sync: ${r.message}\n`);
    }
    if (now.state === 'revoked') {
      out.stderr('wave-planner team sync: this member’s access to the team was revoked.\n');
      return EXIT.refused;
    }
    if (refusals.length > 0) return EXIT.refused;
    if (!inStep) {
      out.stderr(`wave-planner team sync: not in step with the team after ${wait} s (${link.lastError ?? (now.state === 'offline' ? 'the server is not reachable' : 'changes still waiting')}); they stay in the plan and go on the next sync.\n`);
      return EXIT.refused;
    }
    return EXIT.ok;
  } finally {
    await (await workspace.team())?.close();
    workspace.close();
  }
}
