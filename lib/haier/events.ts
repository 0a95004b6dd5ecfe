import { z } from "zod";
import { haierSyncRequestSchema } from "./sync/types";

/** Queues one sync whose HaierSyncLog (pending) already exists. */
export const HAIER_SYNC_REQUESTED_EVENT = "haier/sync.requested";

export const haierSyncRequestedData = haierSyncRequestSchema.extend({ logId: z.number().int().positive() });
export type HaierSyncRequestedData = z.infer<typeof haierSyncRequestedData>;
