export {};
import { importCases } from './import-cases';
const { cases, cleanup } = importCases();
await cases[0]!.setup!();
for (let i = 0; i < 3; i++) { const t = performance.now(); await cases[0]!.run(); console.log((performance.now() - t).toFixed(0)); }
cleanup();
