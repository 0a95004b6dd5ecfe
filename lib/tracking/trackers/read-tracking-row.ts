// One CSV row of a tracking export read into the fields seed 000 §5.6.1
// names, with the §5.6.4 rules applied (status cut to 10 characters,
// YYYY-MM-DD dates, ISO confirmation time) and the problems of the row kept
// as warnings: a warning never stops the update of the other fields.
import type { DeliveryStatus } from "@/lib/db/client";
import { carrierFromShippingMethod, type Carrier } from "../carriers/carrier";
import { checkTrackingNumber } from "../carriers/check-tracking-number";
import { normalizeDeliveryStatus } from "../carriers/normalize-delivery-status";
import type { CsvRow } from "../processing/parse-tracking-csv";

export interface TrackingUpdate {
  /** 1-based data row numbers of the export this update came from. */
  row: number;
  orderNumber: string | null;
  email: string | null;
  trackingNumber: string | null;
  /** The number as the carrier's page showed it, before normalization (kept verbatim). */
  carrierTrackingNumber: string | null;
  trackingNumberIssue: string | null;
  carrier: Carrier | null;
  /** YYYY-MM-DD */
  estimatedDeliveryDate: string | null;
  carrierStatus: string | null;
  latestDeliveryStatus: string | null;
  deliveryStatus: DeliveryStatus | null;
  confirmedAt: Date | null;
  shippingMethod: string | null;
  productName: string | null;
  /** The page the row was scraped from (web_start_url / web-scraper-start-url). */
  startUrl: string | null;
  warnings: string[];
}

/** Header spellings vary between sitemaps ("Tracking Number", "tracking-number"). */
const keyCache = new Map<string, string>();
export function columnKey(header: string): string {
  let key = keyCache.get(header);
  if (key === undefined) {
    key = header
      .trim()
      .toLowerCase()
      .replace(/[\s\-]+/g, "_");
    // Headers repeat on every row of an export: normalize each spelling once.
    if (keyCache.size < 10_000) keyCache.set(header, key);
  }
  return key;
}

/** The row's non-empty values by normalized column key. */
export function rowFields(row: CsvRow): Map<string, string> {
  const fields = new Map<string, string>();
  for (const header in row) {
    const trimmed = row[header].trim();
    if (trimmed !== "") {
      const key = columnKey(header);
      if (!fields.has(key)) fields.set(key, trimmed);
    }
  }
  return fields;
}

function pick(fields: Map<string, string>, names: string[]): string | null {
  for (const name of names) {
    const value = fields.get(columnKey(name));
    if (value !== undefined) return value;
  }
  return null;
}

export function readField(row: CsvRow, ...names: string[]): string | null {
  return pick(rowFields(row), names);
}

export function hasColumn(columns: string[], ...names: string[]): boolean {
  const wanted = new Set(names.map(columnKey));
  return columns.some((c) => wanted.has(columnKey(c)));
}

/** Seed rule: latest_delivery_status is the status cut to 10 characters (characters, not UTF-16 units). */
export function cutStatus(status: string): string {
  return Array.from(status).slice(0, 10).join("");
}

export function parseDeliveryDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Rejects 2026-02-30, which strptime('%Y-%m-%d') rejects too.
  return date.toISOString().slice(0, 10) === value ? value : null;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Python's datetime.fromisoformat, as the seed uses: date, or date and time,
 * optional offset. A time without offset is Japan time: the pages scraped
 * are Japanese (Apple JP, Yamato, Japan Post).
 */
export function parseConfirmedAt(value: string): Date | null {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, date, time = "00:00:00", offset] = m;
  const zone = offset === undefined ? "+09:00" : offset === "Z" ? "Z" : offset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const parsed = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${zone}`);
  if (Number.isNaN(parsed.getTime())) return null;
  return parsed;
}

export function readTrackingRow(row: CsvRow, rowNumber: number, defaultCarrier: Carrier | null): TrackingUpdate {
  const warnings: string[] = [];
  const fields = rowFields(row);
  const readField = (...names: string[]) => pick(fields, names);
  const shippingMethod = readField("shipping_method", "shipping method", "配送方法");
  const carrier = carrierFromShippingMethod(shippingMethod) ?? defaultCarrier;

  let trackingNumber: string | null = null;
  let carrierTrackingNumber: string | null = null;
  let trackingNumberIssue: string | null = null;
  const rawTracking = readField("tracking_number", "tracking number", "お問い合わせ番号", "伝票番号");
  if (rawTracking) {
    const check = checkTrackingNumber(rawTracking, carrier);
    trackingNumber = check.normalized;
    carrierTrackingNumber = rawTracking;
    trackingNumberIssue = check.issue;
    if (check.issue) warnings.push(`tracking_number_${check.issue}: ${rawTracking}`);
  }

  let estimatedDeliveryDate: string | null = null;
  const deliveryDate = readField("delivery_date", "estimated_delivery_date");
  if (deliveryDate) {
    estimatedDeliveryDate = parseDeliveryDate(deliveryDate);
    if (!estimatedDeliveryDate) warnings.push(`invalid_delivery_date: ${deliveryDate}`);
  }

  const carrierStatus = readField("delivery_status", "status", "配送状況");
  let confirmedAt: Date | null = null;
  const confirmed = readField("confirmed_at");
  // Seed: an unparseable confirmed_at is ignored (no warning).
  if (confirmed) confirmedAt = parseConfirmedAt(confirmed);

  const email = readField("email", "mail");
  const orderNumber = readField("order_number", "order number", "注文番号");

  return {
    row: rowNumber,
    orderNumber,
    email,
    trackingNumber,
    carrierTrackingNumber,
    trackingNumberIssue,
    carrier,
    estimatedDeliveryDate,
    carrierStatus,
    latestDeliveryStatus: carrierStatus ? cutStatus(carrierStatus) : null,
    deliveryStatus: normalizeDeliveryStatus(carrierStatus),
    confirmedAt,
    shippingMethod,
    productName: readField("product_name", "product", "item_name"),
    startUrl: readField("web_start_url", "web-scraper-start-url"),
    warnings,
  };
}
