// bg.order.list.v2.get parentOrderStatus / orderStatus codes → readable statuses.
export const TEMU_ORDER_STATUS: Record<number, string> = {
  0: "all",
  1: "pending",
  2: "un_shipping",
  3: "canceled",
  4: "shipped",
  5: "delivered",
  41: "partially_shipped",
  51: "partially_delivered",
};

export function readableOrderStatus(code: number | null | undefined): string {
  if (code === null || code === undefined) return "unknown";
  return TEMU_ORDER_STATUS[code] ?? `unknown_${code}`;
}

/** Parents whose package number is worth fetching (seed 004 §2: shipped or delivered). */
export const SHIPPED_OR_DELIVERED_CODES = [4, 5, 41, 51];
