// The package ships no type definitions; this is the part of its API the security-lint test uses.
declare module '@doyensec/electronegativity' {
  interface Finding {
    id: string;
    file: string;
    severity: { name: string };
    confidence?: { name: string };
    location?: { line: number };
    description?: string;
  }
  export default function run(options: { input: string; isRelative?: boolean; parserPlugins?: unknown[]; electronVersionOverride?: string }): Promise<{ globalChecks: number; issues: Finding[] }>;
}
