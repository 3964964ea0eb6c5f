/** The order in which ERPs are brought in (the optimised sequence), as a plan, a file or a scenario gives it. */

/** An ERP introduction order names each ERP of the plan at most once. */
export function erpOrderProblems(order: string[], erps: Set<string>, path: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  order.forEach((code, i) => {
    const key = code.toLowerCase();
    if (!erps.has(key)) problems.push({ path: `${path}[${i}]`, message: `unknown ERP "${code}" (not in erps)` });
    else if (seen.has(key)) problems.push({ path: `${path}[${i}]`, message: `"${code}" is listed twice` });
    seen.add(key);
  });
  return problems;
}
