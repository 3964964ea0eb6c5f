/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with `=`, `+`, `-`, `@`, a
 * tab or a carriage return, or their full-width forms, may be run as a formula when a spreadsheet opens
 * the file. Exports write such text with a leading apostrophe, which spreadsheets show as text, and
 * the importer takes the apostrophe off again, so the value round-trips.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text as an exported cell: guarded with an apostrophe when a spreadsheet could read it as a formula. */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** An imported cell's text: the apostrophe our exports put before formula-like text taken off. */
export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Whether an imported cell holds a formula to refuse (an unguarded cell starting with `=`). */
export function isFormula(text: string): boolean {
  return /^[=\uFF1D]/.test(text.trim());
}
