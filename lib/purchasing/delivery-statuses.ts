// The normalized delivery statuses (Prisma enum DeliveryStatus), importable by client components.
export const DELIVERY_STATUSES = [
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "failed_attempt",
  "available_for_pickup",
  "delivered",
  "exception",
] as const;

export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];
