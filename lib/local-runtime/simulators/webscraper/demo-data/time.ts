// Japanese carriers and the Apple JP store show times in JST; the export keeps that offset.
const JST_OFFSET_SECONDS = 9 * 3600;

function shifted(epochSeconds: number): string {
  return new Date((epochSeconds + JST_OFFSET_SECONDS) * 1000).toISOString();
}

/** ISO 8601 with the +09:00 offset, e.g. 2026-01-08T10:15:00+09:00. */
export function isoJst(epochSeconds: number): string {
  return `${shifted(Math.floor(epochSeconds)).slice(0, 19)}+09:00`;
}

/** YYYY-MM-DD of the JST calendar day. */
export function dateJst(epochSeconds: number): string {
  return shifted(Math.floor(epochSeconds)).slice(0, 10);
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;
