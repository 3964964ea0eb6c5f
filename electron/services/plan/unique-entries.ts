/** The check a saved list (crews, readiness dimensions) shares: no two entries with the same name. */
import { UserError } from '../errors';

/** Refuses two entries sharing `field` (without case): 'Crew 3: the name "X" is already used by crew 1.' */
export function refuseDuplicates<T extends Record<F, string>, F extends string>(entries: readonly T[], field: F, noun: string): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const value = entry[field];
    const first = seen.get(value.toLowerCase());
    if (first !== undefined) throw new UserError('invalid-input', `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${i + 1}: the ${field} "${value}" is already used by ${noun} ${first + 1}.`);
    seen.set(value.toLowerCase(), i);
  });
}
