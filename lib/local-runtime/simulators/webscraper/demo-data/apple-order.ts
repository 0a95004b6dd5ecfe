const APPLE_ORDER_PATH = /^\/go\/jp\/vieworder\/([^/]+)\/([^/]+)\/?$/;

export interface AppleOrderRef {
  orderNumber: string;
  email: string;
}

export function appleOrderUrl(order: AppleOrderRef): string {
  return `https://store.apple.com/go/jp/vieworder/${encodeURIComponent(order.orderNumber)}/${order.email}`;
}

/** The order an Apple Store "view order" URL points at; null for any other URL. */
export function parseAppleOrderUrl(url: string): AppleOrderRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname !== "store.apple.com" && parsed.hostname !== "www.apple.com") return null;
  const match = APPLE_ORDER_PATH.exec(parsed.pathname);
  if (!match) return null;
  return { orderNumber: decodeURIComponent(match[1]), email: decodeURIComponent(match[2]) };
}

export const APPLE_SHIPPING_METHODS = ["通常配送", "翌日配送", "お届け日時指定"] as const;
