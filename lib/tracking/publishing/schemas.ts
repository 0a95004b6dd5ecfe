// Input schemas of the publishing routes, shared with the dashboard forms and tests.
import { z } from "zod";

/** Body of POST /api/tracking/workers/*: `count` runs queued (the seed's --count), or a dry run. */
export const runWorkerBody = z
  .object({
    count: z.number().int().min(1).max(10).default(1),
    dry_run: z.boolean().default(false),
  })
  .strict();
export type RunWorkerBody = z.infer<typeof runWorkerBody>;

/** The optional form field of POST /api/tracking/batches/import; empty means "from the file name". */
export const importTrackerField = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
