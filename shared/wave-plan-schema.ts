/**
 * The JSON Schema of the `wave-plan` format, generated from the zod schemas that import checks, so
 * the two cannot drift. It ships as `resources/wave-plan.schema.json` (written by `npm run schema`);
 * checks the schema cannot say (real calendar dates, references between codes) stay the importer's.
 */
import { z } from 'zod';
import { wavePlanSchema } from './interchange';
import { wavePlanV2Schema } from './wave-plan-v2';

export const WAVE_PLAN_SCHEMA_ID = 'https://wave-planner.example/schemas/wave-plan.schema.json';

export function wavePlanJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([wavePlanV2Schema, wavePlanSchema]), { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return { ...schema, $id: WAVE_PLAN_SCHEMA_ID, title: 'Wave Planner plan (wave-plan, version 2 or 1)' };
}

/** The schema as the shipped file holds it. */
export function wavePlanSchemaText(): string {
  return `${JSON.stringify(wavePlanJsonSchema(), null, 2)}\n`;
}
