// Query schemas of the staff batch API, shared by the route handlers and tests.
import { z } from "zod";
import { TRACKING_BATCH_STATUSES } from "../../db/enum-lists";

export const listBatchesQuery = z.object({
  task_name: z.string().trim().min(1).optional(),
  days: z.coerce.number().int().positive().max(3650).optional(),
  status: z.enum(TRACKING_BATCH_STATUSES).optional(),
  limit: z.coerce.number().int().positive().max(1000).optional(),
});

export const batchDetailQuery = z.object({
  file_path: z.string().trim().min(1).optional(),
});
