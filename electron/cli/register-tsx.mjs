// Runs the TypeScript sources through tsx with the backend's compiler settings (JSX for the PDF
// report included), so the command line and the benchmarks need no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// React (in the PDF report) runs its production build unless told otherwise: its development checks
// double the time a large report takes.
process.env.NODE_ENV ??= 'production';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
