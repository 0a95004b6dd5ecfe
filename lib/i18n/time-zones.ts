// Staff work in China and buy in Japan: the staff zone defaults to Shanghai and
// is a per-user setting; carrier times from Japanese carriers are JST.
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
export const CARRIER_TIME_ZONE = "Asia/Tokyo";

/** Offered first in the settings; any IANA zone the runtime knows is accepted. */
export const COMMON_TIME_ZONES = ["Asia/Shanghai", "Asia/Tokyo", "Asia/Hong_Kong", "UTC", "Europe/London", "America/Los_Angeles"] as const;

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
