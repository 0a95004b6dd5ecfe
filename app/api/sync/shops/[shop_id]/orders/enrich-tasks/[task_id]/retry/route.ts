// POST /api/sync/shops/{shop_id}/orders/enrich-tasks/{task_id}/retry – give a failed task a fresh retry budget (admin)
import { NextResponse } from "next/server";
import { badRequest, notFound } from "@/lib/api/errors";
import { shopFromParams } from "@/lib/api/temu-shop";
import { withAdmin } from "@/lib/api/with-session";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { retryFailedTask } from "@/lib/temu/enrichment-tasks";
import { TEMU_ENRICH_EVENT } from "@/lib/temu/events";

export const dynamic = "force-dynamic";

export const POST = withAdmin(async ({ params }) => {
  const shop = await shopFromParams(prisma, params);
  const taskId = Number(params.task_id);
  if (!Number.isInteger(taskId) || taskId < 1) throw badRequest("task_id must be a positive integer");
  if (!(await retryFailedTask(prisma, shop.id, taskId))) throw notFound(`no failed task ${taskId} in shop ${shop.shopId}`);
  await inngest.send({ name: TEMU_ENRICH_EVENT, data: { shopId: shop.id, trigger: "retry" } });
  return NextResponse.json({ task_id: taskId, status: "pending" }, { status: 202 });
});
