import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  appleOrderUrl,
  hasValidCheckDigit,
  JAPAN_POST_EXPORT_COLUMNS,
  JAPAN_POST_STATUSES,
  japanPostTrackingUrl,
  mod7CheckDigit,
  ORDER_EXPORT_COLUMNS,
  parseJapanPostTrackingUrl,
  renderExportCsv,
  YAMATO_STATUSES,
  type ExportSource,
} from "../../../lib/local-runtime/simulators/webscraper";

const CREATED = 1_767_830_400; // 2026-01-08T00:00:00Z

function job(startUrls: string[], extra: Partial<ExportSource> = {}): ExportSource {
  return { id: 1, time_created: CREATED, start_urls: startUrls, successful_passes: 1, ...extra };
}

function parse(csv: string) {
  const result = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  });
  return { rows: result.data, columns: result.meta.fields ?? [], errors: result.errors };
}

const orderUrl = (i: number) => appleOrderUrl({ orderNumber: `W${String(1_000_000_000 + i * 7919)}`, email: `buyer${i}@example.jp` });

/** Renders orders until it has found `count` of the requested kind (Yamato: 3 rows, Japan Post: 1 row). */
function ordersOfKind(kind: "yamato" | "japan_post", count: number) {
  const found: Array<{ url: string; rows: Record<string, string>[] }> = [];
  for (let i = 0; found.length < count && i < 500; i++) {
    const { rows } = parse(renderExportCsv(job([orderUrl(i)])));
    if (rows[0].carrier === kind) found.push({ url: orderUrl(i), rows });
  }
  return found;
}

describe("check digits", () => {
  it("uses the first 11 digits modulo 7 as the 12th", () => {
    expect(mod7CheckDigit("12345678901")).toBe(Number(12345678901n % 7n));
    expect(hasValidCheckDigit(`12345678901${Number(12345678901n % 7n)}`)).toBe(true);
    expect(hasValidCheckDigit(`12345678901${(Number(12345678901n % 7n) + 1) % 10}`)).toBe(false);
    expect(hasValidCheckDigit("1234")).toBe(false);
  });
});

describe("renderExportCsv: file format", () => {
  it("writes UTF-8 with a BOM, CRLF line endings and every field quoted, like a WebScraper.io export", () => {
    const csv = renderExportCsv(job([orderUrl(1)]));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe(""); // ends with CRLF
    expect(csv.replace(/\r\n/g, "")).not.toContain("\n");
    expect(lines[0]).toBe(ORDER_EXPORT_COLUMNS.map((c) => `"${c}"`).join(","));
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
  });

  it("is deterministic: the same job renders the same bytes", () => {
    const urls = [orderUrl(3), orderUrl(4)];
    expect(renderExportCsv(job(urls))).toBe(renderExportCsv(job(urls)));
  });

  it("has only the header when no pass stored data (a failed job)", () => {
    const { rows, columns } = parse(renderExportCsv(job([orderUrl(1)], { successful_passes: 0 })));
    expect(rows).toEqual([]);
    expect(columns).toEqual([...ORDER_EXPORT_COLUMNS]);
  });

  it("corrupts a malformed export so that a CSV parser reports broken quoting", () => {
    const { errors } = parse(renderExportCsv(job([orderUrl(1)], { malformed: true })));
    expect(errors.some((error) => error.type === "Quotes")).toBe(true);
  });
});

describe("renderExportCsv: Apple Store orders", () => {
  it("gives a Yamato order three rows whose last one is the freshest, with a valid tracking number", () => {
    const yamato = ordersOfKind("yamato", 20);
    expect(yamato).toHaveLength(20);
    for (const { url, rows } of yamato) {
      expect(rows).toHaveLength(3);
      expect(rows[0].web_start_url).toBe(url);
      const times = rows.map((row) => Date.parse(row.last_updated_at));
      expect(times[2]).toBeGreaterThan(times[1]);
      expect(times[1]).toBeGreaterThan(times[0]);
      for (const row of rows) {
        expect(hasValidCheckDigit(row.tracking_number)).toBe(true);
        expect(YAMATO_STATUSES).toContain(row.delivery_status);
        expect(row.delivery_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.confirmed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
        expect(row.email).toMatch(/@example\.jp$/);
        expect(row.order_number).toMatch(/^W\d+$/);
      }
    }
    const finalStatuses = new Set(yamato.map(({ rows }) => rows[2].delivery_status));
    expect(finalStatuses.size).toBeGreaterThan(2);
  });

  it("ships about a quarter of orders by Japan Post: one row pointing at the Japan Post tracking page", () => {
    let japanPost = 0;
    const total = 400;
    for (let i = 0; i < total; i++) {
      const { rows } = parse(renderExportCsv(job([orderUrl(i)])));
      if (rows.length !== 1) continue;
      japanPost++;
      const [row] = rows;
      expect(row.carrier).toBe("japan_post");
      expect(parseJapanPostTrackingUrl(row.web_start_url)).toEqual([row.tracking_number]);
      expect(row.web_start_url).toBe(
        `https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=${row.tracking_number}&locale=ja`,
      );
      expect(hasValidCheckDigit(row.tracking_number)).toBe(true);
      expect(row.order_number).not.toBe("");
      expect(row.email).not.toBe("");
    }
    expect(japanPost / total).toBeGreaterThan(0.18);
    expect(japanPost / total).toBeLessThan(0.32);
    // The share is an option.
    const none = Array.from({ length: 50 }, (_, i) => parse(renderExportCsv(job([orderUrl(i)]), { japanPostShare: 0 })).rows.length);
    expect(none.every((n) => n === 3)).toBe(true);
  });

  it("appends a fresher Yamato row for each later pass (a continued job)", () => {
    const [{ url }] = ordersOfKind("yamato", 1);
    const { rows } = parse(renderExportCsv(job([url], { successful_passes: 3 })));
    expect(rows).toHaveLength(5);
    const times = rows.map((row) => Date.parse(row.last_updated_at));
    expect(times[4]).toBeGreaterThan(times[3]);
    expect(times[3]).toBeGreaterThan(times[2]);
    expect(rows.map((row) => row["web-scraper-order"])).toEqual([1, 2, 3, 4, 5].map((n) => `${CREATED}-${n}`));
  });
});

describe("renderExportCsv: Japan Post tracking pages", () => {
  it("gives one row per tracking number of a 10-number URL, with Japan Post statuses", () => {
    const numbers = Array.from({ length: 10 }, (_, i) => {
      const first11 = String(11_000_000_000 + i * 104_729);
      return first11 + String(mod7CheckDigit(first11));
    });
    const url = japanPostTrackingUrl(numbers);
    const { rows, columns } = parse(renderExportCsv(job([url])));
    expect(columns).toEqual([...JAPAN_POST_EXPORT_COLUMNS]);
    expect(rows.map((row) => row.tracking_number)).toEqual(numbers);
    for (const row of rows) {
      expect(JAPAN_POST_STATUSES).toContain(row.delivery_status);
      expect(row.carrier).toBe("japan_post");
      expect(row.web_start_url).toBe(url);
      expect(row.delivery_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("reports a number with a wrong check digit as not found", () => {
    const { rows } = parse(renderExportCsv(job([japanPostTrackingUrl(["123456789010"])])));
    expect(rows[0].delivery_status).toBe("お問い合わせ番号が見つかりません");
  });
});

describe("renderExportCsv: other pages", () => {
  it("gives one row with the URL and empty fields", () => {
    const { rows } = parse(renderExportCsv(job(["https://example.com/unknown-page"])));
    expect(rows).toHaveLength(1);
    expect(rows[0].web_start_url).toBe("https://example.com/unknown-page");
    expect(rows[0].tracking_number).toBe("");
    expect(rows[0].delivery_status).toBe("");
  });
});
