import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { httpStatusOf } from "../../../../lib/api/errors";
import { DomainError } from "../../../../lib/errors/domain-error";
import { prisma } from "../../../../lib/db/client";
import type { PublishTrackingJobEventData } from "../../../../lib/tracking/publishing/events";
import { importUrlFile } from "../../../../lib/tracking/publishing/import-url-file";
import { parseUrlFile, UrlFileError } from "../../../../lib/tracking/publishing/parse-url-file";
import { resolveTrackerFromFilename } from "../../../../lib/tracking/publishing/resolve-tracker-from-filename";
import { resetDatabase } from "../../../setup/reset-database";

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("urls");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const csv = (text: string) => new TextEncoder().encode(text);

describe("parseUrlFile", () => {
  it("reads the url column of an .xlsx file and reports bad rows one by one", async () => {
    const bytes = await xlsx([
      ["order", "URL"],
      ["W1", "https://store.apple.com/go/jp/vieworder/W1/a@x.jp"],
      ["W2", ""],
      ["W3", "not a url"],
      ["W4", { text: "https://example.com/linked", hyperlink: "https://example.com/linked" }],
      ["W5", "https://store.apple.com/go/jp/vieworder/W1/a@x.jp"],
      ["W6", "ftp://example.com/file"],
      [],
      [],
    ]);
    const parsed = await parseUrlFile("OWRYT-20260108-001.xlsx", bytes);
    expect(parsed.urls).toEqual(["https://store.apple.com/go/jp/vieworder/W1/a@x.jp", "https://example.com/linked"]);
    expect(parsed.rows).toEqual([2, 5]);
    expect(parsed.rowErrors).toEqual([
      { row: 3, value: "", reason: "empty", detail: "no URL in this row" },
      { row: 4, value: "not a url", reason: "invalid_url", detail: "contains whitespace" },
      { row: 6, value: "https://store.apple.com/go/jp/vieworder/W1/a@x.jp", reason: "duplicate", detail: "same URL as row 2" },
      { row: 7, value: "ftp://example.com/file", reason: "invalid_url", detail: "not an http(s) URL" },
    ]);
  });

  it("finds the first column of links in a .csv without a url header", async () => {
    const parsed = await parseUrlFile(
      "list.csv",
      csv("\uFEFFメモ,リンク\nfirst,https://example.com/1\nsecond,https://example.com/2\nthird,example.com/3\n"),
    );
    expect(parsed.urls).toEqual(["https://example.com/1", "https://example.com/2"]);
    expect(parsed.rowErrors).toEqual([{ row: 4, value: "example.com/3", reason: "invalid_url", detail: "not a URL" }]);
  });

  it("reads a headerless csv and a start_url header", async () => {
    expect((await parseUrlFile("a.csv", csv("https://example.com/1\r\nhttps://example.com/2"))).urls).toHaveLength(2);
    expect((await parseUrlFile("b.csv", csv("id,start_url\n1,https://example.com/x\n"))).urls).toEqual(["https://example.com/x"]);
  });

  it("rejects a file without any valid URL, with the row report", async () => {
    const error = await parseUrlFile("c.csv", csv("url\nnope\n\nhttp://\n")).catch((e) => e);
    expect(error).toBeInstanceOf(UrlFileError);
    expect(error.code).toBe("no_valid_urls");
    expect(error.rowErrors.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
      [2, "invalid_url"],
      [3, "empty"],
      [4, "invalid_url"],
    ]);
    await expect(parseUrlFile("d.csv", csv("a,b\n1,2\n"))).rejects.toMatchObject({ code: "no_url_column" });
    await expect(parseUrlFile("e.xls", csv("x"))).rejects.toMatchObject({ code: "unsupported_file_type" });
    await expect(parseUrlFile("f.xlsx", csv("not a zip"))).rejects.toMatchObject({ code: "unreadable_file" });
  });
});

describe("resolveTrackerFromFilename", () => {
  it("picks the tracker by file name prefix, case-insensitively", () => {
    expect(resolveTrackerFromFilename("OWRYT-20260108-001.xlsx")).toBe("official_website_redirect_to_yamato_tracking");
    expect(resolveTrackerFromFilename("owryt-20260108-001.csv")).toBe("official_website_redirect_to_yamato_tracking");
    expect(resolveTrackerFromFilename("JPT10-x.csv")).toBe("japan_post_tracking_10");
    expect(resolveTrackerFromFilename("jpto-x.csv")).toBe("japan_post_tracking_only");
    expect(resolveTrackerFromFilename("C:\\Users\\staff\\YTO-1.xlsx")).toBe("yamato_tracking_only");
    expect(resolveTrackerFromFilename("orders.xlsx")).toBeNull();
  });
});

describe("importUrlFile", () => {
  beforeEach(resetDatabase);

  function recordingDispatch() {
    const sent: PublishTrackingJobEventData[] = [];
    return {
      sent,
      dispatch: async (jobs: PublishTrackingJobEventData[]) => {
        sent.push(...jobs);
        return { dispatched: jobs.length, eventIds: [] };
      },
    };
  }

  it("creates a batch with one job per valid URL and returns the row errors", async () => {
    const { sent, dispatch } = recordingDispatch();
    const bytes = await xlsx([["url"], ["https://example.com/1"], ["bad"], ["https://example.com/2"]]);
    const result = await importUrlFile({ filename: "OWRYT-20260108-001.xlsx", bytes }, dispatch);
    expect(result).toMatchObject({
      tracker: "official_website_redirect_to_yamato_tracking",
      file_path: "/official_website_redirect_to_yamato_tracking/OWRYT-20260108-001.xlsx",
      total_jobs: 2,
      dispatched: 2,
      row_errors: [{ row: 3, value: "bad", reason: "invalid_url" }],
    });
    const jobs = await prisma.trackingJob.findMany({ orderBy: { index: "asc" } });
    expect(jobs.map((j) => j.targetUrl)).toEqual(["https://example.com/1", "https://example.com/2"]);
    expect(jobs[0].customId).toMatch(/^owryt-[0-9a-f]{8}-0000$/);
    expect(sent.map((s) => s.customId)).toEqual(jobs.map((j) => j.customId));
  });

  it("uses the chosen tracker over the file name", async () => {
    const { dispatch } = recordingDispatch();
    const result = await importUrlFile(
      { filename: "OWRYT-1.csv", bytes: csv("https://example.com/1"), tracker: "yamato_tracking_only" },
      dispatch,
    );
    expect(result.tracker).toBe("yamato_tracking_only");
    expect((await prisma.trackingJob.findFirstOrThrow()).customId).toMatch(/^yto-/);
  });

  it("answers 400 with the known trackers when none can be chosen", async () => {
    const { dispatch } = recordingDispatch();
    const error = await importUrlFile({ filename: "orders.csv", bytes: csv("https://example.com/1") }, dispatch).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("invalid_input");
    expect(httpStatusOf(error)).toBe(400);
    expect((error.extra.known_trackers as { name: string }[]).map((t) => t.name)).toContain("japan_post_tracking_10");
    await expect(
      importUrlFile({ filename: "x.csv", bytes: csv("https://example.com/1"), tracker: "nope" }, dispatch),
    ).rejects.toMatchObject({
      kind: "invalid_input",
    });
  });

  it("answers 400 with the row report when no row is usable, and 409 for a file imported before", async () => {
    const { dispatch } = recordingDispatch();
    await expect(importUrlFile({ filename: "OWT-1.csv", bytes: csv("url\nbad\n") }, dispatch)).rejects.toMatchObject({
      kind: "invalid_input",
      code: "no_valid_urls",
      extra: { row_errors: [{ row: 2, value: "bad", reason: "invalid_url", detail: "not a URL" }] },
    });
    await importUrlFile({ filename: "OWT-2.csv", bytes: csv("https://example.com/1") }, dispatch);
    await expect(importUrlFile({ filename: "OWT-2.csv", bytes: csv("https://example.com/1") }, dispatch)).rejects.toMatchObject({
      kind: "conflict",
      code: "file_already_imported",
    });
    expect(await prisma.trackingBatch.count()).toBe(1);
  });
});
