import { makeTrackingNumber } from "./check-digit";
import type { ParcelScenario } from "./progress";

export const JAPAN_POST_STATUSES = [
  "引受",
  "通過",
  "到着",
  "お届け先にお届け済み",
  "窓口でお渡し",
  "ご不在のため持ち戻り",
  "保管",
  "差出人に返送済み",
] as const;

/** What the Japan Post page shows for a number it does not know (e.g. a bad check digit). */
export const JAPAN_POST_NOT_FOUND = "お問い合わせ番号が見つかりません";

export const JAPAN_POST_SCENARIOS: readonly ParcelScenario[] = [
  { weight: 70, statuses: ["引受", "通過", "到着", "お届け先にお届け済み"] },
  { weight: 14, statuses: ["引受", "通過", "到着", "ご不在のため持ち戻り", "保管", "お届け先にお届け済み"] },
  { weight: 10, statuses: ["引受", "通過", "到着", "ご不在のため持ち戻り", "保管", "窓口でお渡し"] },
  { weight: 6, statuses: ["引受", "通過", "到着", "ご不在のため持ち戻り", "保管", "差出人に返送済み"] },
];

const TRACKING_PAGE = "https://trackings.post.japanpost.jp/services/srv/search/direct";
/** The Japan Post direct-search page takes at most ten numbers (reqCodeNo1..reqCodeNo10). */
export const JAPAN_POST_MAX_NUMBERS_PER_URL = 10;

export function japanPostTrackingNumber(random: () => number): string {
  // Japan Post domestic (ゆうパック) numbers commonly start with 1-6.
  return makeTrackingNumber(1 + Math.floor(random() * 6), random);
}

export function japanPostTrackingUrl(trackingNumbers: readonly string[]): string {
  if (trackingNumbers.length === 0 || trackingNumbers.length > JAPAN_POST_MAX_NUMBERS_PER_URL) {
    throw new RangeError(`a Japan Post tracking URL holds 1 to ${JAPAN_POST_MAX_NUMBERS_PER_URL} numbers`);
  }
  const query = trackingNumbers.map((number, i) => `reqCodeNo${i + 1}=${encodeURIComponent(number)}`).join("&");
  return `${TRACKING_PAGE}?${query}&locale=ja`;
}

/** The tracking numbers a Japan Post direct-search URL asks for, in slot order; null if it is not such a URL. */
export function parseJapanPostTrackingUrl(url: string): string[] | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname !== "trackings.post.japanpost.jp") return null;
  const numbers: string[] = [];
  for (let slot = 1; slot <= JAPAN_POST_MAX_NUMBERS_PER_URL; slot++) {
    const value = parsed.searchParams.get(`reqCodeNo${slot}`)?.trim();
    if (value) numbers.push(value);
  }
  return numbers.length > 0 ? numbers : null;
}
