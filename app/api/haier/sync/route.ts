// POST /api/haier/sync – start a products / prices / stock sync (admins; seed 003 options)
import { NextResponse } from "next/server";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { withAdmin } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { queueHaierSync } from "@/lib/haier/queue-sync";
import { DEFAULT_COUNTY_CODE, HAIER_SYNC_KINDS, haierSyncRequestSchema } from "@/lib/haier/sync/types";

const body = z.object({
  sync_type: z.enum(HAIER_SYNC_KINDS).default("products"),
  product_codes: z.union([z.array(z.string()), z.string()]).optional(),
  category: z.string().trim().optional(),
  brand: z.string().trim().optional(),
  sync_prices: z.boolean().default(false),
  sync_stock: z.boolean().default(false),
  county_code: z.string().trim().default(DEFAULT_COUNTY_CODE),
});

export const POST = withAdmin(async ({ req, session }) => {
  const input = body.parse(await req.json().catch(() => ({})));
  const codes = typeof input.product_codes === "string" ? input.product_codes.split(/[\s,]+/) : input.product_codes;
  const request = haierSyncRequestSchema.parse({
    syncType: input.sync_type,
    productCodes: codes?.map((c) => c.trim()).filter(Boolean),
    category: input.category || undefined,
    brand: input.brand || undefined,
    syncPrices: input.sync_prices,
    syncStock: input.sync_stock,
    countyCode: input.county_code || DEFAULT_COUNTY_CODE,
  });
  if (request.productCodes?.length === 0) delete request.productCodes;
  const queued = await queueHaierSync({ db: prisma, send: (event) => inngest.send(event) }, request, session.user?.email ?? "admin");
  return NextResponse.json({ log_id: queued.logId, event_id: queued.eventId, status: "pending" }, { status: 202 });
});
