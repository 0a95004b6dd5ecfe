// The one place times become text (issue 11 §2): absolute times as
// `yyyy-MM-dd HH:mm` with the zone named, relative times ("3 分钟前") for
// lists, and carrier times — which Japanese carriers give in Japan time — as JST.
import { CARRIER_TIME_ZONE } from "./time-zones";

export type TimeInput = Date | string | number;

function toDate(value: TimeInput): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function parts(date: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
}

/**
 * A short, unambiguous zone name: JST for Japan (what staff and carriers say),
 * UTC for UTC, otherwise the offset ("UTC+8") — "CST" would be ambiguous.
 */
export function zoneLabel(timeZone: string, at: TimeInput = new Date()): string {
  if (timeZone === "Asia/Tokyo") return "JST";
  const date = toDate(at) ?? new Date();
  const offset = parts(date, timeZone).timeZoneName ?? "GMT";
  return /^(GMT|UTC)([+-]0)?$/.test(offset) ? "UTC" : offset.replace(/^GMT/, "UTC");
}

/** `yyyy-MM-dd HH:mm` in the zone, without the zone's name. */
export function formatDateTime(value: TimeInput, timeZone: string): string {
  const date = toDate(value);
  if (!date) return "—";
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `yyyy-MM-dd HH:mm UTC+8` (or `… JST`): what every absolute time on screen looks like. */
export function formatAbsoluteTime(value: TimeInput, timeZone: string): string {
  const date = toDate(value);
  if (!date) return "—";
  return `${formatDateTime(date, timeZone)} ${zoneLabel(timeZone, date)}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 分钟前" / "3 minutes ago"; under 45 seconds "现在" / "now". */
export function formatRelativeTime(value: TimeInput, now: TimeInput, locale: string): string {
  const date = toDate(value);
  const reference = toDate(now);
  if (!date || !reference) return "—";
  const seconds = Math.round((date.getTime() - reference.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (Math.abs(seconds) < 45) return rtf.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") {
      return new Intl.RelativeTimeFormat(locale, { numeric: "always" }).format(Math.trunc(seconds / size), unit);
    }
  }
  return rtf.format(0, "second");
}

/**
 * A carrier's own date or time text ("2026-11-25", "11/25 14:00", "2026/11/25 14:00")
 * is Japan time; it is shown as the carrier wrote it, normalized to
 * `yyyy-MM-dd[ HH:mm]` when it can be read, and labelled JST.
 */
export function formatCarrierTime(text: string | null | undefined): string {
  if (!text) return "—";
  const trimmed = text.trim();
  const m = trimmed.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2}))?/);
  if (!m) return `${trimmed} JST`;
  const date = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return m[4] ? `${date} ${m[4].padStart(2, "0")}:${m[5]} JST` : `${date} JST`;
}

/** A stored instant of a carrier event, shown in Japan time. */
export function formatCarrierInstant(value: TimeInput): string {
  return formatAbsoluteTime(value, CARRIER_TIME_ZONE);
}
