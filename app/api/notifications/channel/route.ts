import { NextResponse } from "next/server";
import { withAdmin } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { channelInputSchema } from "@/lib/notifications/channel-schema";
import { channelJson, getChannel, saveChannel } from "@/lib/notifications/channel-settings";
import { listRecentNotifications } from "@/lib/notifications/deliver-notifications";

// GET /api/notifications/channel – the outgoing alert webhook (URL and secret masked) and the latest deliveries (admins only)
export const GET = withAdmin(async () => {
  const [channel, recent] = await Promise.all([getChannel(prisma), listRecentNotifications(prisma)]);
  return NextResponse.json({ channel: channelJson(channel), recent });
});

// PUT /api/notifications/channel – set the webhook; omitted url/secret keep the stored ones (admins only)
export const PUT = withAdmin(async ({ req, session }) => {
  const input = channelInputSchema.parse(await req.json().catch(() => ({})));
  const channel = await saveChannel(prisma, input, session.user.email ?? `user ${session.user.id}`);
  return NextResponse.json({ channel: channelJson(channel) });
});
