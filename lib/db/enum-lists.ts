// The schema's enums as lists in their declared order, for filter options and
// zod schemas: prisma/schema.prisma stays the one source of each list. The
// generated enums file imports nothing, so client components may use these.
import { HaierSyncStatus, HaierSyncType, OrderDetailTaskStatus, TemuSyncKind, TemuSyncMode, TrackingBatchStatus } from "./generated/enums";

export const TRACKING_BATCH_STATUSES = Object.values(TrackingBatchStatus);
export const HAIER_SYNC_TYPES = Object.values(HaierSyncType);
export const HAIER_SYNC_STATUSES = Object.values(HaierSyncStatus);
export const ORDER_DETAIL_TASK_STATUSES = Object.values(OrderDetailTaskStatus);
export const TEMU_SYNC_KINDS = Object.values(TemuSyncKind);
export const TEMU_SYNC_MODES = Object.values(TemuSyncMode);
