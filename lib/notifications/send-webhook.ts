// One POST to the configured receiver, and what its answer means.
import type { NotificationFormatName } from "./channel-schema";
import { buildWebhookBody, signDingTalkUrl, type NotificationMessage } from "./webhook-body";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface WebhookTarget {
  url: string;
  format: NotificationFormatName;
  secret: string | null;
}

export interface WebhookAnswer {
  ok: boolean;
  /** HTTP status, null when no answer came (refused, timed out). */
  status: number | null;
  /** The receiver's body, cut to 500 characters. */
  body: string | null;
  /** Why it counts as a failure; never contains the URL (it carries the credential). */
  error: string | null;
  durationMs: number;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendWebhookDeps {
  fetch: FetchLike;
  now: () => Date;
  timeoutMs?: number;
}

/**
 * 2xx is success, except that WeCom and DingTalk answer 200 with
 * {"errcode": non-zero, "errmsg": …} when they refuse a message (bad key,
 * bad signature, rate limit): that is a failure too.
 */
export async function sendWebhook(target: WebhookTarget, message: NotificationMessage, deps: SendWebhookDeps): Promise<WebhookAnswer> {
  const started = deps.now().getTime();
  const url = target.format === "dingtalk" && target.secret ? signDingTalkUrl(target.url, target.secret, started) : target.url;
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const elapsed = () => Math.max(0, deps.now().getTime() - started);
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(buildWebhookBody(target.format, message)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
  } catch (error) {
    return { ok: false, status: null, body: null, error: describeFetchError(error, timeoutMs), durationMs: elapsed() };
  }
  let text = "";
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, status: response.status, body: null, error: describeFetchError(error, timeoutMs), durationMs: elapsed() };
  }
  const body = text.slice(0, 500);
  if (response.status < 200 || response.status >= 300) {
    return {
      ok: false,
      status: response.status,
      body,
      error: `HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ""}`,
      durationMs: elapsed(),
    };
  }
  const refusal = errcodeRefusal(text);
  return { ok: refusal === null, status: response.status, body, error: refusal, durationMs: elapsed() };
}

function errcodeRefusal(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null; // Slack answers "ok" as plain text.
  }
  if (typeof parsed !== "object" || parsed === null || !("errcode" in parsed)) return null;
  const { errcode, errmsg } = parsed as { errcode: unknown; errmsg?: unknown };
  if (errcode === 0 || errcode === "0") return null;
  return `errcode ${String(errcode)}${errmsg ? `: ${String(errmsg).slice(0, 200)}` : ""}`;
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs} ms`;
  // Node's fetch says "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(error)}${cause ? ` (${cause})` : ""}`.slice(0, 300);
}
