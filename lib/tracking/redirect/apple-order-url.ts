// Seed 001 §1.3: the Apple Store order page every owryt job scrapes.
const APPLE_ORDER_URL = /\/go\/jp\/vieworder\/([^/?#]+)\/([^/?#]+)/;

export function appleOrderUrl(orderNumber: string, email: string): string {
  return `https://store.apple.com/go/jp/vieworder/${orderNumber}/${email}`;
}

export function parseAppleOrderUrl(url: string): { orderNumber: string; email: string } | null {
  const m = APPLE_ORDER_URL.exec(url);
  if (!m) return null;
  return { orderNumber: decodeURIComponent(m[1]), email: decodeURIComponent(m[2]) };
}
