// The stored outgoing webhook (one row) and its masked JSON for the API.
import type { Db, NotificationChannel } from "../db/client";
import type { ChannelInput } from "./channel-schema";
import { maskSecret, maskWebhookUrl } from "./mask-credential";

export const CHANNEL_ID = 1;

export class ChannelSettingsError extends Error {
  constructor(
    readonly kind: "channel_missing" | "url_required",
    message: string,
  ) {
    super(message);
    this.name = "ChannelSettingsError";
  }
}

export function getChannel(db: Db): Promise<NotificationChannel | null> {
  return db.notificationChannel.findUnique({ where: { id: CHANNEL_ID } });
}

export async function getChannelOrThrow(db: Db): Promise<NotificationChannel> {
  const channel = await getChannel(db);
  if (!channel) throw new ChannelSettingsError("channel_missing", "No notification webhook is configured");
  return channel;
}

/** Omitted url/secret keep the stored ones (the API never hands them out to be sent back). */
export async function saveChannel(db: Db, input: ChannelInput, updatedBy: string): Promise<NotificationChannel> {
  const existing = await getChannel(db);
  const url = input.url ?? existing?.url;
  if (!url) throw new ChannelSettingsError("url_required", "A webhook URL is required");
  // A new URL is a new receiver: an old secret signed for another robot would only make it refuse us.
  const keepSecret = input.url === undefined || input.url === existing?.url;
  const secret = input.secret === undefined ? (keepSecret ? (existing?.secret ?? null) : null) : input.secret || null;
  const data = { url, format: input.format, enabled: input.enabled, locale: input.locale, secret, updatedBy };
  return db.notificationChannel.upsert({ where: { id: CHANNEL_ID }, create: { id: CHANNEL_ID, ...data }, update: data });
}

export function channelJson(channel: NotificationChannel | null) {
  if (!channel) return null;
  return {
    url_masked: maskWebhookUrl(channel.url),
    format: channel.format,
    enabled: channel.enabled,
    locale: channel.locale,
    secret_set: channel.secret !== null,
    secret_masked: maskSecret(channel.secret),
    updated_by: channel.updatedBy,
    updated_at: channel.updatedAt.toISOString(),
  };
}
