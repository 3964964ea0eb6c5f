/**
 * The shipped JSON Schema of the wave-plan format (resources/wave-plan.schema.json), compiled once
 * with Ajv, so every wave-plan file a test writes is checked against what users are given.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';

const shipped = new URL('../../resources/wave-plan.schema.json', import.meta.url);
/** RFC 3339 date-time, the format the schema names for instants. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
let validate: ReturnType<Ajv2020['compile']> | undefined;

/** Throws, naming each problem, when `text` is not a wave-plan document as the shipped schema describes it. */
export function expectMatchesShippedSchema(text: string): void {
  validate ??= new Ajv2020({ allErrors: true, formats: { 'date-time': DATE_TIME } }).compile(JSON.parse(readFileSync(shipped, 'utf8')) as object);
  if (!validate(JSON.parse(text))) {
    throw new Error(`a wave-plan file does not match resources/wave-plan.schema.json: ${(validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  }
}
