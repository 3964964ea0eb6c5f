/**
 * Plans for tests: a plan file made from the sample (or any content), what it holds read through the
 * backend's read functions, and its operations called through the same dispatch as the app.
 */
import { join } from 'node:path';
import { accessOf, type ApiErrorBody, type OperationInput, type OperationName, type OperationOutput, type OperationValue } from '../../shared/contract';
import { describeProblems, serializeWavePlan, validateWavePlan, type WavePlan } from '../../shared/interchange';
import { createDispatch, type Dispatch } from '../../electron/services/dispatch';
import { UserError } from '../../electron/services/errors';
import { createHandlers } from '../../electron/services/handlers';
import { listAudit } from '../../electron/services/plan/audit';
import { readChecklist } from '../../electron/services/plan/checklists';
import { exportContent, exportDocument } from '../../electron/services/plan/content';
import { readErps } from '../../electron/services/plan/erps';
import { PlanFile } from '../../electron/services/plan/plan-file';
import { readPlaybook } from '../../electron/services/plan/playbooks';
import { readDimensions, readReadinessHistory } from '../../electron/services/plan/readiness';
import { readCurrentSchedule } from '../../electron/services/plan/schedules';
import { getSite, readSites } from '../../electron/services/plan/sites';
import { samplePlan } from '../../electron/services/sample-plan';
import { Workspace } from '../../electron/services/workspace';
import { expectMatchesShippedSchema } from './wave-plan-schema';

export const TEST_ACTOR = 'test-user';

/** A plan file made from the sample plan (or `content`) in `dir`. */
export function makePlanFile(dir: string, content: WavePlan = samplePlan(), name = 'plan.waveplan'): PlanFile {
  return PlanFile.create(join(dir, name), content, { actor: TEST_ACTOR, source: 'ui' });
}

/** The content of a wave-plan file's text, as import reads it. */
export function contentOfText(text: string): WavePlan {
  const validation = validateWavePlan(JSON.parse(text));
  if (!validation.ok) throw new Error(describeProblems('wave-plan', validation.problems));
  return validation.value;
}

/** A deep copy of the sample plan as plain JSON, to break on purpose. */
export function sampleDocument(): Record<string, any> {
  return JSON.parse(JSON.stringify(samplePlan()));
}

/** What a plan holds, read as the backend reads it. */
export function reads(plan: PlanFile) {
  const h = plan.reader;
  return {
    info: () => plan.info(),
    site: (code: string) => getSite(h, code),
    sites: () => readSites(h),
    erps: () => readErps(h),
    dimensions: () => readDimensions(h),
    checklist: (site?: string) => readChecklist(h, site),
    playbook: () => readPlaybook(h),
    readinessHistory: (site: string, dimension?: string) => readReadinessHistory(h, site, dimension),
    audit: (filter: { entity?: string; entityId?: string; limit: number }) => listAudit(h, filter),
    schedule: () => readCurrentSchedule(h),
    content: () => exportContent(h),
    /** The plan as wave-plan JSON text: equal texts, equal plans. */
    exportText: () => {
      const text = serializeWavePlan(exportDocument(h));
      expectMatchesShippedSchema(text);
      return text;
    },
    /** The same text without checking it against the shipped schema: for comparing a plan thousands of times. */
    exportTextUnchecked: () => serializeWavePlan(exportDocument(h)),
  };
}
export type PlanReads = ReturnType<typeof reads>;

/** A plan opened in a workspace of its own, its operations called as the app calls them. */
export class TestPlan {
  readonly dispatch: Dispatch;

  private constructor(readonly workspace: Workspace) {
    this.dispatch = createDispatch(createHandlers(workspace));
  }

  private static workspace(dir: string, options: { source?: 'ui' | 'cli'; writeWaitMs?: number } = {}): Workspace {
    return new Workspace(join(dir, 'app-data'), options.source ?? 'ui', { watchOtherProcesses: false, interactive: false, actor: TEST_ACTOR, writeWaitMs: options.writeWaitMs ?? 5000 });
  }

  /** A new plan file in `dir` holding the sample plan (or `content`). */
  static create(dir: string, content: WavePlan = samplePlan(), name = 'plan.waveplan', options: { writeWaitMs?: number } = {}): TestPlan {
    const workspace = TestPlan.workspace(dir, options);
    workspace.newPlan({ path: join(dir, name), name: content.plan.name, sample: false, content });
    return new TestPlan(workspace);
  }

  /** An existing plan file, opened afresh. */
  static open(path: string, dir: string, options: { writeWaitMs?: number } = {}): TestPlan {
    const workspace = TestPlan.workspace(dir, options);
    workspace.openPlan(path);
    return new TestPlan(workspace);
  }

  get file(): PlanFile {
    return this.workspace.requirePlan();
  }

  get read(): PlanReads {
    return reads(this.file);
  }

  /** Calls an operation; a refusal throws the UserError the app would show. */
  async committed<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    const result = await this.dispatch(name, input);
    if (!result.ok) throw new UserError(result.error.code, result.error.message, result.error.problems);
    return result.value as OperationOutput<N>;
  }

  /** Calls an operation and returns its value (for a write, without the commit around it). */
  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationValue<N>> {
    const output = await this.committed(name, input);
    return (accessOf(name) === 'write' ? (output as { value: unknown }).value : output) as OperationValue<N>;
  }

  /** Calls an operation that must be refused, and returns what the user is told. */
  async refusal<N extends OperationName>(name: N, input: unknown): Promise<ApiErrorBody> {
    const result = await this.dispatch(name, input);
    if (result.ok) throw new Error(`${name} was expected to be refused`);
    return result.error;
  }

  close(): void {
    this.workspace.close();
  }
}
