import { csvLine, toCsv, UTF8_BOM } from "./csv";
import { APPLE_SHIPPING_METHODS, parseAppleOrderUrl, type AppleOrderRef } from "./demo-data/apple-order";
import { hasValidCheckDigit } from "./demo-data/check-digit";
import {
  JAPAN_POST_NOT_FOUND,
  JAPAN_POST_SCENARIOS,
  japanPostTrackingNumber,
  japanPostTrackingUrl,
  parseJapanPostTrackingUrl,
} from "./demo-data/japan-post";
import { pickScenario, randomFor, statusIndexAt } from "./demo-data/progress";
import { dateJst, DAY, HOUR, isoJst } from "./demo-data/time";
import { YAMATO_SCENARIOS, yamatoTrackingNumber, yamatoTrackingUrl } from "./demo-data/yamato";

export const ORDER_EXPORT_COLUMNS = [
  "web-scraper-order",
  "web-scraper-start-url",
  "web_start_url",
  "order_number",
  "email",
  "tracking_number",
  "delivery_date",
  "delivery_status",
  "confirmed_at",
  "last_updated_at",
  "shipping_method",
  "carrier",
] as const;

export const JAPAN_POST_EXPORT_COLUMNS = [
  "web-scraper-order",
  "web-scraper-start-url",
  "web_start_url",
  "tracking_number",
  "delivery_status",
  "delivery_date",
  "last_updated_at",
  "carrier",
] as const;

/** Default share of Apple orders shipped by Japan Post instead of Yamato. */
export const DEFAULT_JAPAN_POST_SHARE = 0.25;

/** Simulated time between two passes over the same pages (a "continue"). */
const PASS_INTERVAL_SECONDS = 6 * HOUR;

/** What the export of a job depends on: nothing else (no clock, no database). */
export interface ExportSource {
  id: number;
  /** Unix seconds; the demo timeline ends around this moment. */
  time_created: number;
  start_urls: readonly string[];
  /** Passes over the start URLs that stored data; each "continue" that succeeds adds one. 0 → header only. */
  successful_passes: number;
  /** Corrupt the CSV so parsers reject it. */
  malformed?: boolean;
}

export interface RenderExportOptions {
  japanPostShare?: number;
}

type Row = Record<string, string>;

function passTime(source: ExportSource, pass: number): number {
  return source.time_created + pass * PASS_INTERVAL_SECONDS;
}

/** The facts of one Apple order, all derived from its order number. */
function describeAppleOrder(order: AppleOrderRef, reference: number, japanPostShare: number) {
  const random = randomFor("apple-order", order.orderNumber);
  const shippedByJapanPost = random() < japanPostShare;
  const confirmedAt = reference - (3 * DAY + Math.floor(random() * 5 * DAY));
  const shippedAt = confirmedAt + DAY + Math.floor(random() * DAY);
  const deliveryDate = dateJst(shippedAt + 2 * DAY + Math.floor(random() * DAY));
  const shippingMethod = APPLE_SHIPPING_METHODS[Math.floor(random() * APPLE_SHIPPING_METHODS.length)];
  const yamato = yamatoTrackingNumber(random);
  const japanPost = japanPostTrackingNumber(random);
  const scenario = pickScenario(YAMATO_SCENARIOS, random());
  // At least the third status, so the first pass yields three distinct events.
  const firstIndex = 2 + Math.floor(random() * (scenario.statuses.length - 2));
  return { shippedByJapanPost, confirmedAt, shippedAt, deliveryDate, shippingMethod, yamato, japanPost, scenario, firstIndex };
}

function appleOrderRows(url: string, order: AppleOrderRef, source: ExportSource, pass: number, japanPostShare: number): Row[] {
  const facts = describeAppleOrder(order, source.time_created, japanPostShare);
  const common = {
    "web-scraper-start-url": url,
    order_number: order.orderNumber,
    email: order.email,
    confirmed_at: isoJst(facts.confirmedAt),
    shipping_method: facts.shippingMethod,
  };
  if (facts.shippedByJapanPost) {
    // The order page links to Japan Post: one row whose web_start_url is the page to follow.
    // Later passes find nothing new on the order page.
    if (pass > 0) return [];
    return [
      {
        ...common,
        web_start_url: japanPostTrackingUrl([facts.japanPost]),
        tracking_number: facts.japanPost,
        delivery_date: "",
        delivery_status: "",
        last_updated_at: isoJst(facts.shippedAt),
        carrier: "japan_post",
      },
    ];
  }
  const yamatoRow = (statusIndex: number, at: number, webStartUrl: string): Row => ({
    ...common,
    web_start_url: webStartUrl,
    tracking_number: facts.yamato,
    delivery_date: facts.deliveryDate,
    delivery_status: facts.scenario.statuses[statusIndex],
    last_updated_at: isoJst(at),
    carrier: "yamato",
  });
  const trackingPage = yamatoTrackingUrl(facts.yamato);
  if (pass > 0) {
    return [yamatoRow(statusIndexAt(facts.scenario, facts.firstIndex, pass), passTime(source, pass), trackingPage)];
  }
  // Order page row, then the Yamato page's two latest events; the last row is the freshest.
  const span = Math.max(HOUR, source.time_created - facts.shippedAt);
  return [
    yamatoRow(facts.firstIndex - 2, facts.shippedAt, url),
    yamatoRow(facts.firstIndex - 1, facts.shippedAt + Math.floor(span / 2), trackingPage),
    yamatoRow(facts.firstIndex, source.time_created - 60, trackingPage),
  ];
}

function japanPostRows(url: string, numbers: readonly string[], source: ExportSource, pass: number): Row[] {
  return numbers.map((number) => {
    const base = { "web-scraper-start-url": url, web_start_url: url, tracking_number: number, carrier: "japan_post" };
    if (!hasValidCheckDigit(number)) {
      return { ...base, delivery_status: JAPAN_POST_NOT_FOUND, delivery_date: "", last_updated_at: "" };
    }
    const random = randomFor("japan-post", number);
    const scenario = pickScenario(JAPAN_POST_SCENARIOS, random());
    const firstIndex = Math.floor(random() * scenario.statuses.length);
    const eventAt = passTime(source, pass) - Math.floor(random() * 12 * HOUR);
    return {
      ...base,
      delivery_status: scenario.statuses[statusIndexAt(scenario, firstIndex, pass)],
      delivery_date: dateJst(eventAt),
      last_updated_at: isoJst(eventAt),
    };
  });
}

function rowsForPass(url: string, source: ExportSource, pass: number, japanPostShare: number): Row[] {
  const order = parseAppleOrderUrl(url);
  if (order) return appleOrderRows(url, order, source, pass, japanPostShare);
  const numbers = parseJapanPostTrackingUrl(url);
  if (numbers) return japanPostRows(url, numbers, source, pass);
  // A page the sitemap's selectors find nothing on; scraping it again finds nothing again.
  return pass === 0 ? [{ "web-scraper-start-url": url, web_start_url: url }] : [];
}

/** The columns of a job's export: Japan Post sitemaps have fewer selectors than the order sitemap. */
export function exportColumnsFor(startUrls: readonly string[]): readonly string[] {
  const allJapanPost = startUrls.length > 0 && startUrls.every((url) => parseJapanPostTrackingUrl(url) !== null);
  return allJapanPost ? JAPAN_POST_EXPORT_COLUMNS : ORDER_EXPORT_COLUMNS;
}

export function exportRows(source: ExportSource, options: RenderExportOptions = {}): Row[] {
  const japanPostShare = options.japanPostShare ?? DEFAULT_JAPAN_POST_SHARE;
  const rows: Row[] = [];
  for (let pass = 0; pass < source.successful_passes; pass++) {
    for (const url of source.start_urls) rows.push(...rowsForPass(url, source, pass, japanPostShare));
  }
  return rows.map((row, i) => ({ ...row, "web-scraper-order": `${source.time_created}-${i + 1}` }));
}

/** The CSV export WebScraper.io would serve for this job. */
export function renderExportCsv(source: ExportSource, options: RenderExportOptions = {}): string {
  const columns = exportColumnsFor(source.start_urls);
  const csv = toCsv(columns, exportRows(source, options));
  return source.malformed ? corrupt(csv, columns.length) : csv;
}

/** A truncated, misaligned export: a row with too many fields and an unterminated quote at the end. */
function corrupt(csv: string, columnCount: number): string {
  const body = csv.slice(UTF8_BOM.length);
  const [header, ...rest] = body.split("\r\n");
  const extra = csvLine(Array.from({ length: columnCount + 2 }, (_, i) => `broken-${i}`));
  return `${UTF8_BOM}${header}\r\n${extra}${rest.join("\r\n")}"unterminated,field`;
}
