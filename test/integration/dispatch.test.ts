import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { Workspace } from '../../electron/services/workspace';
import { reads } from '../support/plans';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir();

function workspaceWithSample() {
  const workspace = new Workspace(tempDir(), 'ui');
  workspace.openLastOrSample();
  return { workspace, dispatch: createDispatch(createHandlers(workspace)) };
}

describe('dispatching contract operations', () => {
  it('answers a valid call with its value', async () => {
    const { workspace, dispatch } = workspaceWithSample();
    const result = await dispatch('sites:get', { code: 'US-GRV' });
    expect(result).toMatchObject({ ok: true, value: { code: 'US-GRV', name: 'Greenville Assembly' } });
    workspace.close();
  });

  it('refuses wrong input with the path of each problem, says which field in words, and writes nothing', async () => {
    const { workspace, dispatch } = workspaceWithSample();
    const before = reads(workspace.requirePlan()).exportText();
    const wrong = [
      ['sites:update', { code: 'US-GRV', patch: { headcount: 'many' } }, 'patch.headcount', /^Headcount must /],
      ['sites:update', { code: 'US-GRV', patch: { earliestGoLive: '2027-02-30' } }, 'patch.earliestGoLive', /^Earliest go-live must be a real calendar date/],
      ['sites:update', { code: 'US-GRV', patch: { __proto__: { polluted: true }, leadershipWillingness: 9 } }, 'patch.leadershipWillingness', /^Willingness must be a whole number from 1 to 5 \(got 9\)$/],
      ['sites:update', { code: 'US-GRV', patch: { siteLead: { name: 'A', email: 'not an address' } } }, 'patch.siteLead.email', /^Site lead's email /],
      ['settings:update', { staggerDays: -1 }, 'staggerDays', /^Stagger \(days\) must /],
      ['readiness:set', { site: 'US-GRV', dimension: 'data', score: Number.NaN, targetDate: null }, 'score', /^Score must /],
      ['sites:get', null, '', /./],
    ] as const;
    for (const [name, input, path, message] of wrong) {
      const result = await dispatch(name, input);
      expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid-input');
      if (path) expect(result.error.problems?.[0]?.path).toBe(path);
      // Said to a person: the field by its name on screen, never the operation's own names.
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toMatch(/patch\.|sites:|siteLead/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reads(workspace.requirePlan()).exportText()).toBe(before);
    workspace.close();
  });

  it('refuses unknown operations and calls without an open plan', async () => {
    const workspace = new Workspace(tempDir(), 'ui');
    const dispatch = createDispatch(createHandlers(workspace));
    expect(await dispatch('sites:drop', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('sites:list', {})).toMatchObject({ ok: false, error: { code: 'no-plan' } });
    expect(await dispatch('plan:current', undefined)).toEqual({ ok: true, value: null });
  });

  it('remembers recent plans and reopens the last one at start', async () => {
    const dataDir = tempDir();
    const first = new Workspace(dataDir, 'ui');
    const sample = first.openLastOrSample();
    const created = first.newPlan({ name: 'Second program', sample: false });
    expect(first.appSettings.recentPlans.map((r) => r.name)).toEqual(['Second program', sample.name]);
    first.close();
    const again = new Workspace(dataDir, 'ui');
    expect(again.openLastOrSample().path).toBe(created.path);
    again.close();
  });
});
