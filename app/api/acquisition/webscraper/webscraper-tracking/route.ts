// POST /api/acquisition/webscraper/webscraper-tracking/ – WebScraper.io job-finished webhook (seed 000 阶段四): check the token, enqueue processing, 202
import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { withErrors } from "@/lib/api/with-session";
import { acceptTrackingWebhook } from "@/lib/tracking/webhook/accept-tracking-webhook";
import { readWebhookBody } from "@/lib/api/read-webhook-body";

export const POST = withErrors(async (req) => {
  const accepted = await acceptTrackingWebhook(
    // The body is read (capped) only after a header or query token passed, or to find a body token.
    { query: req.nextUrl.searchParams, headerToken: req.headers.get("x-webhook-token"), body: () => readWebhookBody(req) },
    { send: (event) => inngest.send(event) },
  );
  return NextResponse.json(accepted, { status: 202 });
});
