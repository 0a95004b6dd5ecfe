// POST /api/acquisition/webscraper/webscraper-tracking/ – WebScraper.io job-finished webhook (seed 000 阶段四): check the token, enqueue processing, 202
import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { groupedSend } from "@/inngest/grouped-send";
import { withErrors } from "@/lib/api/with-session";
import { acceptTrackingWebhook, type SendJobFinished } from "@/lib/tracking/webhook/accept-tracking-webhook";
import { readWebhookBody } from "@/lib/api/read-webhook-body";

// A batch's jobs finish together, so notifications come in bursts: their events reach the engine in groups.
const sendJobFinished: SendJobFinished = groupedSend((events: Parameters<SendJobFinished>[0][]) => inngest.send(events));

export const POST = withErrors(async (req) => {
  const accepted = await acceptTrackingWebhook(
    // The body is read (capped) only after a header or query token passed, or to find a body token.
    { query: req.nextUrl.searchParams, headerToken: req.headers.get("x-webhook-token"), body: () => readWebhookBody(req) },
    { send: sendJobFinished },
  );
  return NextResponse.json(accepted, { status: 202 });
});
