/**
 * The names of the contract's operations, apart from their schemas so that the sandboxed preload
 * can build its bridge without bundling zod. `contract.ts` must define exactly these (checked by
 * `satisfies`).
 */
export const OPERATION_NAMES = [
  'plan:current',
  'plan:new',
  'plan:open',
  'plan:recent',
  'plan:restoreNewestBackup',
  'plan:openCleanCopy',
  'plan:saveCopy',
  'plan:update',
  'settings:update',
  'crews:save',
  'erps:list',
  'erps:create',
  'erps:update',
  'sites:list',
  'sites:get',
  'sites:update',
  'sites:updateMany',
  'sites:create',
  'sites:delete',
  'readiness:dimensions',
  'readiness:saveDimensions',
  'readiness:set',
  'readiness:history',
  'playbook:get',
  'playbook:save',
  'audit:list',
  'history:list',
  'history:undo',
  'history:redo',
  'interchange:export',
  'interchange:import',
  'exports:file',
  'packets:export',
  'packets:open',
  'packets:seal',
  'packets:preview',
  'packets:import',
  'sheets:preview',
  'sheets:import',
  'schedule:generate',
  'schedule:current',
  'schedule:status',
  'schedule:pin',
  'schedule:lock',
  'schedule:move',
  'schedule:lighthouse',
  'schedule:release',
  'checklist:list',
  'checklist:update',
  'checklist:updateMany',
  'holidays:countries',
  'holidays:public',
  'backups:list',
  'backups:take',
  'backups:restore',
  'baselines:list',
  'baselines:save',
  'baselines:compare',
  'schedule:input',
  'scenarios:list',
  'scenarios:save',
  'scenarios:remove',
  'scenarios:schedule',
  'scenarios:compare',
  'scenarios:adopt',
  'report:pdf',
  'team:status',
  'team:share',
  'team:join',
  'team:syncNow',
  'team:reviews',
  'team:decide',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (OPERATION_NAMES as readonly string[]).includes(name);
}

/** The IPC channel of an operation. */
export function channelOf(name: OperationName): string {
  return `wave-planner:${name}`;
}
