// POST /api/sync/shops/{shop_id}/orders/enrich-details – queue package-number enrichment now (admin; seed 004 §7)
import { NextResponse } from "next/server";
import { z } from "zod";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withAdmin } from "@/lib/api/with-session";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { createEnrichmentTasks, retryAllFailedTasks } from "@/lib/temu/enrichment-tasks";
import { TEMU_ENRICH_EVENT } from "@/lib/temu/events";

export const dynamic = "force-dynamic";

const body = z.object({ retry_failed: z.boolean().default(false) }).strict();

export const POST = withAdmin(async ({ req, params }) => {
  const shop = await shopFromParams(prisma, params);
  const text = await req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      return NextResponse.json({ detail: "body must be JSON", code: "bad_request" }, { status: 400 });
    }
  }
  const input = body.parse(raw);
  const tasksCreated = await createEnrichmentTasks(prisma, shop.id);
  const retried = input.retry_failed ? await retryAllFailedTasks(prisma, shop.id) : 0;
  const sent = await inngest.send({ name: TEMU_ENRICH_EVENT, data: { shopId: shop.id, trigger: "manual" } });
  return NextResponse.json({ shop_id: shop.shopId, tasks_created: tasksCreated, retried, event_ids: sent.ids }, { status: 202 });
});
