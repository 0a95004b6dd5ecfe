// "Send test": one synchronous POST to the stored webhook, whatever its
// enabled flag, so the admin sees the receiver's own answer.
import type { Db } from "../db/client";
import { channelLocale, composeTestMessage } from "./alert-message";
import { getChannelOrThrow } from "./channel-settings";
import { sendWebhook, type FetchLike, type WebhookAnswer } from "./send-webhook";

export async function sendTestMessage(
  deps: { db: Db; fetch: FetchLike; now: () => Date; appUrl: string | null; timeoutMs?: number },
  by: string,
): Promise<WebhookAnswer> {
  const channel = await getChannelOrThrow(deps.db);
  const message = composeTestMessage({ locale: channelLocale(channel.locale), appUrl: deps.appUrl, now: deps.now(), by });
  return sendWebhook(channel, message, { fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs });
}

export function webhookAnswerJson(answer: WebhookAnswer) {
  return { ok: answer.ok, status: answer.status, body: answer.body, error: answer.error, duration_ms: answer.durationMs };
}
