import { setTimeout as delay } from "node:timers/promises";
import type { ScrapingJobFinishedNotification } from "../../../webscraper/types";

export interface WebhookAttempt {
  scrapingjob_id: number;
  attempt: number;
  at: string;
  /** The target without its query string: the platform puts its webhook token there. */
  url: string;
  fields: ScrapingJobFinishedNotification;
  httpStatus: number | null;
  ok: boolean;
  error?: string;
}

export interface WebhookDeliveryPlan {
  url: string;
  fields: ScrapingJobFinishedNotification;
  timeoutMs: number;
  retryDelaysMs: readonly number[];
  signal: AbortSignal;
  onAttempt: (attempt: WebhookAttempt) => void;
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

async function postOnce(plan: WebhookDeliveryPlan): Promise<{ httpStatus: number | null; error?: string }> {
  try {
    const response = await fetch(plan.url, {
      method: "POST",
      // WebScraper.io posts an HTML form, not JSON.
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...plan.fields }).toString(),
      signal: AbortSignal.any([plan.signal, AbortSignal.timeout(plan.timeoutMs)]),
      redirect: "manual",
    });
    await response.arrayBuffer().catch(() => undefined);
    return { httpStatus: response.status };
  } catch (error) {
    const name = (error as Error).name;
    return { httpStatus: null, error: name === "TimeoutError" ? `no answer within ${plan.timeoutMs} ms` : String(error) };
  }
}

/** Posts the notification until the receiver answers 2xx, waiting the given delays between attempts. Resolves true on success. */
export async function deliverWebhook(plan: WebhookDeliveryPlan): Promise<boolean> {
  const attempts = plan.retryDelaysMs.length + 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (plan.signal.aborted) return false;
    const at = new Date().toISOString();
    const { httpStatus, error } = await postOnce(plan);
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    plan.onAttempt({
      scrapingjob_id: Number(plan.fields.scrapingjob_id),
      attempt,
      at,
      url: withoutQuery(plan.url),
      fields: plan.fields,
      httpStatus,
      ok,
      ...(error ? { error } : httpStatus !== null && !ok ? { error: `answered ${httpStatus}` } : {}),
    });
    if (ok) return true;
    if (attempt < attempts) {
      try {
        await delay(plan.retryDelaysMs[attempt - 1], undefined, { signal: plan.signal });
      } catch {
        return false;
      }
    }
  }
  return false;
}
