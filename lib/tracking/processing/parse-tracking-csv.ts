// WebScraper.io CSV exports, read the way seed 000 §5.4 reads them with
// pandas (utf-8-sig, header row): with or without BOM, quoted fields, CRLF.
// Rows with extra or missing cells are kept (the scraper emits ragged rows
// when a selector matched nothing). A row with broken quoting is a bad row:
// it is reported with its line number and reason and the other rows are
// still read (one stray quote must not reject a whole export). Bytes that
// are not UTF-8, or an export whose every row is broken, are a parse_error;
// an export without data rows is empty_data.
import Papa from "papaparse";
import { TrackingError } from "../errors";

export type CsvRow = Record<string, string>;

export interface BadCsvRow {
  /** 1-based physical line of the file where the row starts (line 1 is the header). */
  line: number;
  reason: string;
}

export interface ParsedExport {
  columns: string[];
  rows: CsvRow[];
  /** Rows left out because they could not be read; empty for a clean export. */
  badRows: BadCsvRow[];
}

export function decodeUtf8(content: Buffer | Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
  } catch (error) {
    throw new TrackingError("parse_error", "Failed to parse CSV: the export is not valid UTF-8", { cause: error });
  }
}

/** Offsets where each physical line starts, for turning a cursor into a line number. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const PAPA_OPTIONS = { delimiter: "," } as const;

export function parseTrackingCsv(content: Buffer | Uint8Array | string): ParsedExport {
  const text = (typeof content === "string" ? content : decodeUtf8(content)).replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new TrackingError("empty_data", "DataFrame is empty");
  const starts = lineStarts(text);

  // The header: the first line (a one-column export would make delimiter detection fail; WebScraper uses commas).
  const headerEnd = starts.length > 1 ? starts[1] : text.length;
  const head = Papa.parse<string[]>(text.slice(0, headerEnd).replace(/\r?\n$/, ""), { ...PAPA_OPTIONS });
  if (head.errors.some((e) => e.type === "Quotes")) {
    throw new TrackingError("parse_error", `Failed to parse CSV: ${head.errors[0].message} (line 1, the header)`);
  }
  const header = (head.data[0] ?? []).map((h) => String(h).trim());
  const columns: string[] = [];
  const positions: number[] = [];
  header.forEach((name, i) => {
    if (name !== "" && !columns.includes(name)) {
      columns.push(name);
      positions.push(i);
    }
  });

  const rows: CsvRow[] = [];
  const badRows: BadCsvRow[] = [];
  // Parse from `offset`; a broken row ends the pass and the next pass starts on the line after the row's first line,
  // because a broken quote can swallow the lines after it.
  let offset = headerEnd;
  while (offset < text.length) {
    const chunk = text.slice(offset);
    let rowStart = 0;
    let restartAt: number | null = null;
    const parser = Papa.parse<string[]>(chunk, {
      ...PAPA_OPTIONS,
      step: (result, handle) => {
        const start = rowStart;
        rowStart = result.meta.cursor;
        const quoteErrors = result.errors.filter((e) => e.type === "Quotes");
        const cells = result.data;
        if (quoteErrors.length > 0) {
          // papaparse's cursor is just past a row's line break: where the next row starts.
          const firstLine = lineOf(starts, offset + start);
          badRows.push({ line: firstLine, reason: quoteErrors.map((e) => e.message).join("; ") });
          restartAt = starts[firstLine] ?? text.length;
          handle.abort();
          return;
        }
        if (cells.every((c) => String(c).trim() === "")) return;
        const row: CsvRow = {};
        columns.forEach((column, i) => {
          const value = cells[positions[i]];
          row[column] = typeof value === "string" ? value : "";
        });
        rows.push(row);
      },
    });
    void parser;
    if (restartAt === null) break;
    offset = restartAt;
  }

  if (rows.length === 0 && badRows.length > 0) {
    const first = badRows[0];
    throw new TrackingError("parse_error", `Failed to parse CSV: ${first.reason} (line ${first.line}); no row could be read`);
  }
  if (rows.length === 0) throw new TrackingError("empty_data", "DataFrame is empty");
  return { columns, rows, badRows };
}
