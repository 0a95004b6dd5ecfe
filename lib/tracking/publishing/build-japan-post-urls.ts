// Japan Post's direct search takes up to 10 tracking numbers in one page
// (reqCodeNo1..reqCodeNo10), which is what the japan_post_tracking_10 tracker scrapes.

export const JAPAN_POST_NUMBERS_PER_URL = 10;

const JAPAN_POST_DIRECT_SEARCH = "https://trackings.post.japanpost.jp/services/srv/search/direct";

/** Tracking numbers are stored as staff typed them; Japan Post wants them without hyphens or spaces. */
export function normalizeJapanPostTrackingNumber(value: string): string {
  return value.replace(/[\s\-‐－]/g, "").toUpperCase();
}

export function buildJapanPostSearchUrl(trackingNumbers: string[]): string {
  if (trackingNumbers.length === 0 || trackingNumbers.length > JAPAN_POST_NUMBERS_PER_URL) {
    throw new Error(`A Japan Post search URL takes 1 to ${JAPAN_POST_NUMBERS_PER_URL} tracking numbers`);
  }
  const params = new URLSearchParams();
  trackingNumbers.forEach((number, i) => params.set(`reqCodeNo${i + 1}`, normalizeJapanPostTrackingNumber(number)));
  params.set("locale", "ja");
  return `${JAPAN_POST_DIRECT_SEARCH}?${params.toString()}`;
}

/** The tracking numbers a search URL asks for (used to tell which orders are already being scraped). */
export function trackingNumbersInJapanPostUrl(url: string): string[] {
  try {
    const params = new URL(url).searchParams;
    const numbers: string[] = [];
    for (let i = 1; i <= JAPAN_POST_NUMBERS_PER_URL; i++) {
      const value = params.get(`reqCodeNo${i}`);
      if (value) numbers.push(value);
    }
    return numbers;
  } catch {
    return [];
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
