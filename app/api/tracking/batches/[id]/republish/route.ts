// POST /api/tracking/batches/[id]/republish – admins queue every failed job of a batch for publishing again
import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { notFound } from "@/lib/api/errors";
import { withAdmin } from "@/lib/api/with-session";
import { getBatchByUuid } from "@/lib/tracking/batches/get-batch";
import { requeueEvents, requeueFailedJobs } from "@/lib/tracking/publishing/requeue-failed-jobs";

export const POST = withAdmin(async ({ params, session }) => {
  const id = String(params.id ?? "");
  const batch = await getBatchByUuid(id);
  if (!batch) throw notFound(`No batch ${id}`);
  const requeued = await requeueFailedJobs({ batchId: batch.id, requestedBy: `staff:${session.user.email ?? "unknown"}` });
  const { ids } = requeued.length > 0 ? await inngest.send(requeueEvents(requeued)) : { ids: [] as string[] };
  return NextResponse.json({ requeued: requeued.length, custom_ids: requeued.map((job) => job.customId), event_ids: ids }, { status: 202 });
});
