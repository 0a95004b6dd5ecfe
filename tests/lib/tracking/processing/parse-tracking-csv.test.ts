import { describe, expect, it } from "vitest";
import { TrackingError } from "@/lib/tracking/errors";
import { parseTrackingCsv } from "@/lib/tracking/processing/parse-tracking-csv";
import { cutStatus, parseConfirmedAt, parseDeliveryDate, readTrackingRow } from "@/lib/tracking/trackers/read-tracking-row";

function errorOf(fn: () => unknown): TrackingError {
  try {
    fn();
  } catch (e) {
    return e as TrackingError;
  }
  throw new Error("did not throw");
}

describe("parseTrackingCsv", () => {
  it("reads UTF-8 with a BOM and CRLF line ends", () => {
    const parsed = parseTrackingCsv(Buffer.from("\uFEFForder_number,delivery_status\r\nW1,配達完了\r\nW2,輸送中\r\n", "utf8"));
    expect(parsed.columns).toEqual(["order_number", "delivery_status"]);
    expect(parsed.rows).toEqual([
      { order_number: "W1", delivery_status: "配達完了" },
      { order_number: "W2", delivery_status: "輸送中" },
    ]);
  });

  it("reads quoted fields with commas, quotes and line breaks", () => {
    const parsed = parseTrackingCsv('order_number,note\nW1,"a, ""b""\nc"\n');
    expect(parsed.rows).toEqual([{ order_number: "W1", note: 'a, "b"\nc' }]);
  });

  it("keeps rows with extra or missing cells", () => {
    const parsed = parseTrackingCsv("order_number,email,delivery_status\nW1,a@x.jp,輸送中,EXTRA\nW2\n");
    expect(parsed.rows).toEqual([
      { order_number: "W1", email: "a@x.jp", delivery_status: "輸送中" },
      { order_number: "W2", email: "", delivery_status: "" },
    ]);
  });

  it("broken quoting is a non-retrying parse_error", () => {
    const error = errorOf(() => parseTrackingCsv('order_number,status\nW1,"open\n'));
    expect(error).toBeInstanceOf(TrackingError);
    expect(error).toMatchObject({ type: "parse_error", retryable: false });
    expect(error.message).toMatch(/^Failed to parse CSV/);
  });

  it("bytes that are not UTF-8 are a parse_error", () => {
    expect(errorOf(() => parseTrackingCsv(Buffer.from([0x6f, 0x0a, 0xff, 0xfe, 0x0a])))).toMatchObject({ type: "parse_error" });
  });

  it("no data rows is empty_data", () => {
    expect(errorOf(() => parseTrackingCsv(""))).toMatchObject({ type: "empty_data", retryable: false });
    expect(errorOf(() => parseTrackingCsv("\uFEFForder_number,status\r\n"))).toMatchObject({ type: "empty_data" });
    expect(errorOf(() => parseTrackingCsv("order_number,status\n,\n\n"))).toMatchObject({ type: "empty_data" });
  });
});

describe("row field rules (seed §5.6.4)", () => {
  it("cuts the status to 10 characters", () => {
    expect(cutStatus("お届け先にお届け済みです")).toBe("お届け先にお届け済み");
    expect(cutStatus("輸送中")).toBe("輸送中");
  });

  it("parses delivery dates as YYYY-MM-DD only", () => {
    expect(parseDeliveryDate("2026-01-20")).toBe("2026-01-20");
    expect(parseDeliveryDate("2026/01/20")).toBeNull();
    expect(parseDeliveryDate("2026-02-30")).toBeNull();
  });

  it("parses confirmed_at as ISO 8601 (Japan time without offset), else ignores it", () => {
    expect(parseConfirmedAt("2026-01-08T10:00:00Z")?.toISOString()).toBe("2026-01-08T10:00:00.000Z");
    expect(parseConfirmedAt("2026-01-08 10:00")?.toISOString()).toBe("2026-01-08T01:00:00.000Z");
    expect(parseConfirmedAt("2026-01-08")?.toISOString()).toBe("2026-01-07T15:00:00.000Z");
    expect(parseConfirmedAt("2026-01-08T10:00:00+0900")?.toISOString()).toBe("2026-01-08T01:00:00.000Z");
    expect(parseConfirmedAt("8 Jan 2026")).toBeNull();
  });

  it("accepts both start-url spellings and header variants", () => {
    const u = readTrackingRow(
      { "web-scraper-start-url": "https://a", "Tracking Number": "EJ123456785JP", " Order Number ": "W1" },
      1,
      "japan_post",
    );
    expect(u).toMatchObject({ startUrl: "https://a", trackingNumber: "EJ123456785JP", orderNumber: "W1", trackingNumberIssue: null });
    expect(readTrackingRow({ web_start_url: "https://b" }, 1, null).startUrl).toBe("https://b");
  });
});
