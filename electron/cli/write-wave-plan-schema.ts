// `npm run schema`: writes the wave-plan JSON Schema that ships in resources/ (a test checks it is current).
import { writeFileSync } from 'node:fs';
import { wavePlanSchemaText } from '../../shared/wave-plan-schema';

const target = new URL('../../resources/wave-plan.schema.json', import.meta.url);
writeFileSync(target, wavePlanSchemaText());
console.log(`wrote ${target.pathname}`);
