// WebScraper.io CSV exports, read the way seed 000 §5.4 reads them with
// pandas (utf-8-sig, header row): with or without BOM, quoted fields, CRLF.
// Rows with extra or missing cells are kept (the scraper emits ragged rows
// when a selector matched nothing); broken quoting or bytes that are not
// UTF-8 are a parse_error, an export without data rows is empty_data.
import Papa from "papaparse";
import { TrackingError } from "../errors";

export type CsvRow = Record<string, string>;

export interface ParsedExport {
  columns: string[];
  rows: CsvRow[];
}

export function decodeUtf8(content: Buffer | Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
  } catch (error) {
    throw new TrackingError("parse_error", "Failed to parse CSV: the export is not valid UTF-8", { cause: error });
  }
}

export function parseTrackingCsv(content: Buffer | Uint8Array | string): ParsedExport {
  const text = (typeof content === "string" ? content : decodeUtf8(content)).replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new TrackingError("empty_data", "DataFrame is empty");

  const result = Papa.parse<Record<string, unknown>>(text, {
    header: true,
    // A one-column export would make auto-detection fail; WebScraper always uses commas.
    delimiter: ",",
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });

  const fatal = result.errors.filter((e) => e.type !== "FieldMismatch");
  if (fatal.length > 0) {
    const first = fatal[0];
    const where = first.row === undefined ? "" : ` (row ${first.row + 1})`;
    throw new TrackingError("parse_error", `Failed to parse CSV: ${first.message}${where}`);
  }

  const columns = (result.meta.fields ?? []).filter((f) => f !== "");
  const rows = result.data.map((raw) => {
    const row: CsvRow = {};
    for (const column of columns) {
      const value = raw[column];
      row[column] = typeof value === "string" ? value : "";
    }
    return row;
  });
  if (rows.length === 0) throw new TrackingError("empty_data", "DataFrame is empty");
  return { columns, rows };
}
