// Event names and payloads of the Temu flow (Inngest).
import { z } from "zod";
import { TEMU_SYNC_MODES } from "../db/enum-lists";

export const TEMU_ORDER_SYNC_EVENT = "temu/orders.sync.requested";
export const TEMU_PRODUCT_SYNC_EVENT = "temu/products.sync.requested";
export const TEMU_ENRICH_EVENT = "temu/enrich.requested";

export const syncRequestData = z.object({
  shopId: z.number().int().positive(),
  mode: z.enum(TEMU_SYNC_MODES),
  trigger: z.string().default("event"),
});
export type SyncRequestData = z.infer<typeof syncRequestData>;

export const enrichRequestData = z.object({ shopId: z.number().int().positive(), trigger: z.string().default("event") });

/** One event per active shop with credentials. */
export function syncEventsFor(shopIds: number[], name: string, mode: "incremental" | "full", trigger: string) {
  return shopIds.map((shopId) => ({ name, data: { shopId, mode, trigger } }));
}
