// Seed 001 §1.3: https://store.apple.com/go/jp/vieworder/{order_number}/{email},
// the page every owryt job scrapes. Built by the tracking-number-empty worker,
// read back by the redirect chain to find the order a Japan Post job is for.
// Each part is one path segment, so anything that could break the path (/, ?, #,
// spaces) is percent-encoded; "@" and "+" are legal in a path segment and kept
// readable, as the seed's example shows (…/W123456789/user@example.com).

const APPLE_STORE_JP_VIEW_ORDER = "https://store.apple.com/go/jp/vieworder";
const VIEW_ORDER_PATH = /\/go\/jp\/vieworder\/([^/?#]+)\/([^/?#]+)/;

function encodePathSegment(value: string): string {
  return encodeURIComponent(value.trim()).replace(/%40/g, "@").replace(/%2B/g, "+");
}

export function buildAppleStoreOrderUrl(orderNumber: string, email: string): string {
  if (!orderNumber.trim()) throw new Error("An Apple Store order URL needs an order number");
  if (!email.trim()) throw new Error("An Apple Store order URL needs an email");
  return `${APPLE_STORE_JP_VIEW_ORDER}/${encodePathSegment(orderNumber)}/${encodePathSegment(email)}`;
}

export function parseAppleStoreOrderUrl(url: string): { orderNumber: string; email: string } | null {
  const m = VIEW_ORDER_PATH.exec(url);
  if (!m) return null;
  return { orderNumber: decodeURIComponent(m[1]), email: decodeURIComponent(m[2]) };
}
