// POST /api/sync/shops/{shop_id}/sync – start an order or product sync now ({kind: orders|products, mode: incremental|full})
import { NextResponse } from "next/server";
import { z } from "zod";
import { TEMU_SYNC_KINDS, TEMU_SYNC_MODES } from "@/lib/db/enum-lists";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withStaff } from "@/lib/api/with-session";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { TEMU_ORDER_SYNC_EVENT, TEMU_PRODUCT_SYNC_EVENT } from "@/lib/temu/events";

export const dynamic = "force-dynamic";

const body = z.object({ kind: z.enum(TEMU_SYNC_KINDS), mode: z.enum(TEMU_SYNC_MODES) }).strict();

export const POST = withStaff(async ({ req, params, session }) => {
  const shop = await shopFromParams(prisma, params);
  const input = body.parse(await req.json().catch(() => ({})));
  const sent = await inngest.send({
    name: input.kind === "orders" ? TEMU_ORDER_SYNC_EVENT : TEMU_PRODUCT_SYNC_EVENT,
    data: { shopId: shop.id, mode: input.mode, trigger: `manual:${session.user.email ?? session.user.id}` },
  });
  return NextResponse.json({ shop_id: shop.shopId, kind: input.kind, mode: input.mode, event_ids: sent.ids }, { status: 202 });
});
