// Batch import (seed 001 "追踪任务流程 Part 1: Excel 处理"): the URLs of an
// uploaded .xlsx or .csv file. The URL column is the one headed url / URL /
// start_url, else the first column holding http(s) links. Every row that does
// not give a usable URL is reported with its spreadsheet row number — staff
// fix the file from that list — never dropped silently.
import ExcelJS from "exceljs";
import Papa from "papaparse";

export const MAX_IMPORT_URLS = 5000;

const URL_HEADERS = new Set(["url", "urls", "start_url", "start url", "starturl", "start_urls", "target_url"]);

export type RowErrorReason = "empty" | "invalid_url" | "duplicate";

export interface RowError {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  value: string;
  reason: RowErrorReason;
  detail: string;
}

export interface ParsedUrlFile {
  urls: string[];
  /** The spreadsheet row each URL came from, parallel to `urls`. */
  rows: number[];
  rowErrors: RowError[];
}

export type UrlFileErrorCode = "unsupported_file_type" | "unreadable_file" | "no_url_column" | "no_valid_urls" | "too_many_urls";

export class UrlFileError extends Error {
  constructor(
    readonly code: UrlFileErrorCode,
    message: string,
    readonly rowErrors: RowError[] = [],
    /** Arguments of the catalog message errors.<code>. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "UrlFileError";
  }
}

type Grid = string[][];

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("hyperlink" in value) return /^https?:\/\//i.test(value.text?.trim() ?? "") ? value.text : value.hyperlink;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new UrlFileError("unreadable_file", `Not a readable .xlsx file: ${error instanceof Error ? error.message : error}`, [], {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Japanese Excel saves CSV as Shift_JIS by default.
    return new TextDecoder("shift_jis").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Grid {
  const result = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false });
  return result.data.map((row) => (Array.isArray(row) ? row.map((v) => String(v ?? "")) : []));
}

const looksLikeLink = (value: string) => /^\s*https?:\/\//i.test(value);
const isBlankRow = (row: string[] | undefined) => !row || row.every((v) => !v.trim());

function findUrlColumn(grid: Grid): { column: number; firstDataRow: number } | null {
  const headerRow = grid.findIndex((row) => !isBlankRow(row));
  if (headerRow === -1) return null;
  const named = grid[headerRow].findIndex((v) => URL_HEADERS.has(v.trim().toLowerCase()));
  if (named !== -1) return { column: named, firstDataRow: headerRow + 1 };
  for (let r = headerRow; r < grid.length; r++) {
    const column = grid[r].findIndex(looksLikeLink);
    if (column === -1) continue;
    // Links start below the first row: that row is a header of some other name.
    return { column, firstDataRow: r > headerRow ? headerRow + 1 : headerRow };
  }
  return null;
}

export function checkUrl(value: string): string | null {
  if (/\s/.test(value)) return "contains whitespace";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "not an http(s) URL";
  if (!url.hostname.includes(".")) return "no valid host";
  return null;
}

export function extractUrls(grid: Grid): ParsedUrlFile {
  const found = findUrlColumn(grid);
  if (!found)
    throw new UrlFileError("no_url_column", "No URL column: name a column url / start_url or put http(s) links in the first column");
  let lastRow = grid.length - 1;
  while (lastRow >= found.firstDataRow && isBlankRow(grid[lastRow])) lastRow--;

  const urls: string[] = [];
  const rows: number[] = [];
  const rowErrors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (let r = found.firstDataRow; r <= lastRow; r++) {
    const row = r + 1;
    const value = (grid[r]?.[found.column] ?? "").trim();
    if (!value) {
      rowErrors.push({ row, value, reason: "empty", detail: "no URL in this row" });
      continue;
    }
    const problem = checkUrl(value);
    if (problem) {
      rowErrors.push({ row, value, reason: "invalid_url", detail: problem });
      continue;
    }
    const earlier = firstRowOf.get(value);
    if (earlier !== undefined) {
      rowErrors.push({ row, value, reason: "duplicate", detail: `same URL as row ${earlier}` });
      continue;
    }
    firstRowOf.set(value, row);
    urls.push(value);
    rows.push(row);
  }
  if (urls.length === 0) throw new UrlFileError("no_valid_urls", "The file has no valid URL", rowErrors);
  if (urls.length > MAX_IMPORT_URLS) {
    throw new UrlFileError(
      "too_many_urls",
      `The file has ${urls.length} URLs; split it into files of at most ${MAX_IMPORT_URLS}`,
      rowErrors,
      {
        count: urls.length,
        max: MAX_IMPORT_URLS,
      },
    );
  }
  return { urls, rows, rowErrors };
}

export async function parseUrlFile(filename: string, bytes: Uint8Array): Promise<ParsedUrlFile> {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === "xlsx") return extractUrls(await readXlsx(bytes));
  if (ext === "csv") return extractUrls(readCsv(bytes));
  throw new UrlFileError("unsupported_file_type", `Unsupported file type${ext ? ` .${ext}` : ""}: upload an .xlsx or .csv file`, [], {
    ext: ext ? `.${ext}` : "",
  });
}
