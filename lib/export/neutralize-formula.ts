// A cell whose text begins with = + - @ (or a tab / carriage return, which some
// spreadsheets skip before reading a formula) would be run as a formula when a
// CSV or XLSX export is opened (OWASP "CSV injection"). Such text is prefixed
// with an apostrophe so it stays text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
