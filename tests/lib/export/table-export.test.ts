import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutralizeFormula } from "../../../lib/export/neutralize-formula";
import { csvLine, csvStream, xlsxStream, type ExportCell } from "../../../lib/export/table-export";

async function* rowsOf(rows: ExportCell[][]) {
  for (const row of rows) yield row;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

describe("exports", () => {
  it("neutralises cells that a spreadsheet would run as a formula", () => {
    for (const risky of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://evil")']) {
      expect(neutralizeFormula(risky)).toBe(`'${risky}`);
    }
    for (const safe of ["W123456789", "配達完了", "", "a=b", "1-2"]) expect(neutralizeFormula(safe)).toBe(safe);
  });

  it("CSV: quotes, neutralises text but not numbers, and starts with a BOM", async () => {
    expect(csvLine(["a,b", 'say "hi"', "=1+1", -5, null, true])).toBe(`"a,b","say ""hi""",'=1+1,-5,,true\r\n`);
    const text = (
      await readAll(
        csvStream({
          columns: ["order", "status"],
          rows: rowsOf([
            ["W1", "配達完了"],
            ["@evil", "-1"],
          ]),
        }),
      )
    ).toString("utf8");
    expect(text).toBe("\uFEFForder,status\r\nW1,配達完了\r\n'@evil,'-1\r\n");
  });

  it("CSV streams many rows in chunks", async () => {
    async function* many() {
      for (let i = 0; i < 25_000; i++) yield [`W${i}`, i];
    }
    const reader = csvStream({ columns: ["order", "n"], rows: many() }).getReader();
    let chunks = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      lines += new TextDecoder().decode(value).split("\r\n").length - 1;
    }
    expect(lines).toBe(25_001);
    expect(chunks).toBeGreaterThan(100);
  });

  it("XLSX: a real workbook whose text cells are neutralised", async () => {
    const bytes = await readAll(
      xlsxStream(
        {
          columns: ["order", "note", "n"],
          rows: rowsOf([
            ["W1", "=cmd|' /C calc'!A0", 3],
            ["W2", "お届け済み", null],
          ]),
        },
        "orders",
      ),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("orders")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "order", "note", "n"]);
    expect(sheet.getCell("B2").value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet.getCell("B2").formula).toBeUndefined();
    expect(sheet.getCell("C2").value).toBe(3);
    expect(sheet.getCell("B3").value).toBe("お届け済み");
  });
});
