// The normalized delivery statuses: the Prisma enum DeliveryStatus, listed in
// its declared order for filters and zod. The generated enums file imports
// nothing, so client components may use it.
import { DeliveryStatus } from "@/lib/db/generated/enums";

export const DELIVERY_STATUSES = Object.values(DeliveryStatus);

export type DeliveryStatusName = DeliveryStatus;
