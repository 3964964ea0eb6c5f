/** Undoable edits of the plan's own fields and scheduling settings. */
import type { PlanInfo } from '../../../shared/contract';
import type { PlanSettings } from '../../../shared/settings';
import { api } from '../api/client';
import { usePlanStore } from './plan-store';
import { useUndoStore } from './undo-store';

type PlanFields = Parameters<(typeof api)['plan:update']>[0];

async function writePlan(fields: PlanFields): Promise<PlanInfo> {
  const info = await usePlanStore.getState().track(() => api['plan:update'](fields));
  usePlanStore.getState().setInfo(info);
  return info;
}

async function writeSettings(settings: Partial<PlanSettings>): Promise<PlanInfo> {
  const info = await usePlanStore.getState().track(() => api['settings:update'](settings));
  usePlanStore.getState().setInfo(info);
  return info;
}

export async function editPlan(label: string, fields: PlanFields): Promise<void> {
  const before = usePlanStore.getState().info!;
  const previous = Object.fromEntries(Object.keys(fields).map((key) => [key, before[key as keyof PlanInfo]])) as PlanFields;
  await writePlan(fields);
  useUndoStore.getState().push({ label, undo: async () => void (await writePlan(previous)), redo: async () => void (await writePlan(fields)) });
}

export async function editSettings(label: string, settings: Partial<PlanSettings>): Promise<void> {
  const before = usePlanStore.getState().info!.settings;
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, before[key as keyof PlanSettings]])) as Partial<PlanSettings>;
  await writeSettings(settings);
  useUndoStore.getState().push({ label, undo: async () => void (await writeSettings(previous)), redo: async () => void (await writeSettings(settings)) });
}
