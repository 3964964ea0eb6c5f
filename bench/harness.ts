/** A small benchmark harness: each case runs several times; medians go to bench/results.{md,json}. */
import { cpus } from 'node:os';

export interface BenchCase {
  name: string;
  runs: number;
  /** Work done once before timing (not measured). */
  setup?: () => void | Promise<void>;
  /** One run; a case that times itself (in the page, say) returns its own figure in ms. */
  run: () => void | number | Promise<void | number>;
  /** Work done once after timing (closing what setup opened, so it does not weigh on the next case). */
  teardown?: () => void | Promise<void>;
}

export interface BenchResult {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** A figure a case measures beside its timings (a percentile, a memory size), reported as it is. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface Target {
  name: string;
  value: number;
  unit: string;
  limit: number;
  pass: boolean;
}

/** The median of the case named `name` in `results`, NaN when it did not run (a filtered bench run). */
export function medianOf(results: BenchResult[], name: string): number {
  return results.find((r) => r.name === name)?.medianMs ?? NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measure(c: BenchCase): Promise<BenchResult> {
  // Each case starts from a collected heap (npm run bench passes --expose-gc), not the last one's garbage.
  (globalThis as { gc?: () => void }).gc?.();
  await c.setup?.();
  await c.run(); // warm-up, not counted
  const times: number[] = [];
  for (let i = 0; i < c.runs; i += 1) {
    const start = performance.now();
    const own = await c.run();
    times.push(typeof own === 'number' ? own : performance.now() - start);
  }
  await c.teardown?.();
  const round = (x: number) => Math.round(x * 10) / 10;
  return { name: c.name, runs: c.runs, medianMs: round(median(times)), minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)) };
}

export function machine() {
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: process.platform };
}

export function renderMarkdown(results: BenchResult[], targets: Target[], when: string, figures: Figure[] = []): string {
  const m = machine();
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${when} on ${m.cpus} × ${m.cpu}, Node ${m.node}. Each figure is the median of the runs shown, after one warm-up run.`,
    '',
    '| case | runs | median (ms) | min (ms) | max (ms) |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.runs} | ${r.medianMs} | ${r.minMs} | ${r.maxMs} |`),
    '',
    ...(figures.length ? ['| other figure | measured |', '|---|---:|', ...figures.map((f) => `| ${f.name} | ${f.value} ${f.unit} |`), ''] : []),
    '| target | measured | limit | met |',
    '|---|---:|---:|---|',
    ...targets.map((t) => `| ${t.name} | ${t.value} ${t.unit} | ${t.limit} ${t.unit} | ${t.pass ? 'yes' : '**no**'} |`),
    '',
  ];
  return lines.join('\n');
}
