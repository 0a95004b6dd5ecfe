import { NextResponse } from "next/server";
import { withAdmin } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { configuredAppUrl } from "@/lib/notifications/alert-message";
import { sendTestMessage, webhookAnswerJson } from "@/lib/notifications/send-test-message";

// POST /api/notifications/test – send a test message to the stored webhook now and return the receiver's answer (admins only)
export const POST = withAdmin(async ({ session }) => {
  const answer = await sendTestMessage(
    { db: prisma, fetch: (url, init) => fetch(url, init), now: () => new Date(), appUrl: configuredAppUrl() },
    session.user.email ?? `user ${session.user.id}`,
  );
  return NextResponse.json(webhookAnswerJson(answer));
});
