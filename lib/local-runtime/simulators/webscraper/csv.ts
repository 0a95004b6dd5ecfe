// WebScraper.io exports: UTF-8 with a byte-order mark (so Excel opens Japanese
// text correctly), CRLF line endings, every field quoted.

export const UTF8_BOM = "\uFEFF";
export const CRLF = "\r\n";

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(quote).join(",") + CRLF;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): string {
  return UTF8_BOM + csvLine(columns) + rows.map((row) => csvLine(columns.map((column) => row[column] ?? ""))).join("");
}
