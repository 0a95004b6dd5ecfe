// Streams a filtered list as CSV or XLSX, page by page, so a large export never
// sits in memory (issue 11 §6). Every text cell is formula-neutralised.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { neutralizeFormula } from "./neutralize-formula";

export type ExportFormat = "csv" | "xlsx";
export type ExportCell = string | number | boolean | null | undefined;

export interface ExportTable {
  columns: string[];
  /** Rows in order; pulled lazily (an async generator reading the database page by page). */
  rows: AsyncIterable<ExportCell[]>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function cellText(value: ExportCell): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? neutralizeFormula(value) : String(value);
}

export function csvField(value: ExportCell): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ExportCell[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** CSV with a UTF-8 byte-order mark so spreadsheet apps read Chinese and Japanese text correctly. */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = table.rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(table.columns)}`));
        return;
      }
      // Up to 200 rows per chunk: fewer, larger writes.
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** XLSX written row by row with exceljs' streaming writer. */
export function xlsxStream(table: ExportTable, sheetName = "export"): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    try {
      sheet.addRow(table.columns).commit();
      for await (const row of table.rows) {
        sheet.addRow(row.map((v) => (typeof v === "string" ? neutralizeFormula(v) : (v ?? null)))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

export function exportStream(format: ExportFormat, table: ExportTable, sheetName?: string): ReadableStream<Uint8Array> {
  return format === "xlsx" ? xlsxStream(table, sheetName) : csvStream(table);
}

/** Reads `fetchPage(skip, take)` page by page until a short page. */
export async function* paged<T>(fetchPage: (skip: number, take: number) => Promise<T[]>, pageSize = 500): AsyncGenerator<T> {
  for (let skip = 0; ; skip += pageSize) {
    const rows = await fetchPage(skip, pageSize);
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
  }
}
