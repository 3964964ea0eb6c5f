import { describe, expect, it } from 'vitest';
import { ApiError, contract, createApi, OPERATION_NAMES } from '../../shared/contract';

describe('the contract', () => {
  it('defines exactly the named operations, each with an input schema', () => {
    expect(Object.keys(contract).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(typeof contract[name].input.safeParse).toBe('function');
  });

  it('gives an API object of frozen named functions that unwrap results and throw refusals', async () => {
    const calls: [string, unknown][] = [];
    const api = createApi(async (name, input) => {
      calls.push([name, input]);
      return name === 'sites:get'
        ? { ok: false, error: { code: 'not-found', message: 'No site with code "X".' } }
        : { ok: true, value: [] };
    });
    expect(Object.isFrozen(api)).toBe(true);
    await expect(api['sites:list']()).resolves.toEqual([]);
    const refusal = await api['sites:get']({ code: 'X' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).code).toBe('not-found');
    expect(calls).toEqual([['sites:list', {}], ['sites:get', { code: 'X' }]]);
  });

  it('validates site edits field by field', () => {
    const input = contract['sites:update'].input;
    expect(input.safeParse({ code: 'US-DET', patch: { headcount: 12 } }).success).toBe(true);
    expect(input.safeParse({ code: 'US-DET', patch: { headcount: -1 } }).success).toBe(false);
    expect(input.safeParse({ code: 'US-DET', patch: { leadershipWillingness: 6 } }).success).toBe(false);
    expect(input.safeParse({ code: 'US-DET', patch: { earliestGoLive: '2027-02-30' } }).success).toBe(false);
    expect(input.safeParse({ code: 'US-DET', patch: { hacked: true } }).success).toBe(false);
    // An edit names only what it changes: no defaults are filled in.
    const parsed = input.parse({ code: 'US-DET', patch: { name: 'Detroit' } });
    expect(parsed.patch).toEqual({ name: 'Detroit' });
  });
});
