/** "1 site", "3 sites"; `many` when the plural is not the word plus "s" ("2 sites wait"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
