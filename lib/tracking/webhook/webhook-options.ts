// Query options of seed 000 §4.3: dry_run (default false), dedupe (default
// true), upsert (default false), batch_id (a batch uuid). A value that is not
// a boolean or not a uuid is a 400, not silently the default.
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      if (["1", "true", "yes", "on"].includes(value)) return true;
      if (["0", "false", "no", "off"].includes(value)) return false;
      ctx.addIssue({ code: "custom", message: "must be true or false" });
      return z.NEVER;
    });

export const webhookOptionsSchema = z.object({
  dry_run: flag(false),
  dedupe: flag(true),
  upsert: flag(false),
  batch_id: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null))
    .pipe(z.string().uuid().nullable()),
});

export type WebhookOptions = z.infer<typeof webhookOptionsSchema>;

export function parseWebhookOptions(query: URLSearchParams): WebhookOptions {
  const pick = (key: string) => query.get(key) ?? undefined;
  return webhookOptionsSchema.parse({
    dry_run: pick("dry_run"),
    dedupe: pick("dedupe"),
    upsert: pick("upsert"),
    batch_id: pick("batch_id"),
  });
}
