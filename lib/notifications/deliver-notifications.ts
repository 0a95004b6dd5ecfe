// Sends the due rows of the alert-notification outbox to the configured
// webhook. Rows are claimed one by one with a conditional update (attempts and
// a lease on nextAttemptAt), so two deliveries running at once (the event after
// an evaluation and the minute sweeper) never send the same row twice.
import type { Db, Prisma } from "../db/client";
import { channelLocale, composeAlertMessage, type Transition } from "./alert-message";
import { getChannel } from "./channel-settings";
import { RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry-policy";
import { sendWebhook, type FetchLike } from "./send-webhook";

export interface DeliveryDeps {
  db: Db;
  fetch: FetchLike;
  now: () => Date;
  random?: () => number;
  appUrl: string | null;
  timeoutMs?: number;
  policy?: RetryPolicy;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Due rows left for the next run (more than `limit` were due). */
  more: boolean;
}

/**
 * A "clear" waits while its alert's "open" is still pending, so a chat never
 * reads "cleared" before "opened".
 */
function dueWhere(now: Date): Prisma.AlertNotificationWhereInput {
  return {
    status: "pending",
    nextAttemptAt: { lte: now },
    OR: [{ transition: "open" }, { alert: { notifications: { none: { transition: "open", status: "pending" } } } }],
  };
}

export async function deliverDueNotifications(deps: DeliveryDeps, options: { limit?: number } = {}): Promise<DeliverySummary> {
  const { db } = deps;
  const policy = deps.policy ?? RETRY_POLICY;
  const limit = options.limit ?? 50;
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, skipped: 0, more: false };
  const startedAt = deps.now();

  const channel = await getChannel(db);
  if (!channel || !channel.enabled) {
    // Nobody to tell: mark them, so enabling the channel later does not replay stale alerts.
    const { count } = await db.alertNotification.updateMany({
      where: { status: "pending", nextAttemptAt: { lte: startedAt } },
      data: { status: "skipped", lastError: channel ? "channel disabled" : "no channel configured" },
    });
    summary.skipped = count;
    return summary;
  }

  const due = await db.alertNotification.findMany({
    where: dueWhere(startedAt),
    include: { alert: true },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  summary.more = due.length > limit;

  for (const row of due.slice(0, limit)) {
    const now = deps.now();
    const claim = await db.alertNotification.updateMany({
      where: { id: row.id, status: "pending", nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + policy.claimLeaseMs), attempts: { increment: 1 } },
    });
    if (claim.count !== 1) continue; // another delivery has it
    const attempt = row.attempts + 1;
    const message = composeAlertMessage(row.alert, row.transition as Transition, {
      locale: channelLocale(channel.locale),
      appUrl: deps.appUrl,
    });
    const answer = await sendWebhook(channel, message, { fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs });
    const after = deps.now();
    if (answer.ok) {
      await db.alertNotification.update({
        where: { id: row.id },
        data: { status: "sent", sentAt: after, responseStatus: answer.status, lastError: null },
      });
      summary.sent++;
    } else if (attempt >= policy.maxAttempts) {
      await db.alertNotification.update({
        where: { id: row.id },
        data: { status: "failed", responseStatus: answer.status, lastError: `${answer.error} (after ${attempt} attempts)` },
      });
      summary.failed++;
    } else {
      await db.alertNotification.update({
        where: { id: row.id },
        data: {
          nextAttemptAt: new Date(after.getTime() + retryDelayMs(attempt, deps.random, policy)),
          responseStatus: answer.status,
          lastError: answer.error,
        },
      });
      summary.retrying++;
    }
  }
  return summary;
}

/** The latest outbox rows with their alert, for the admin page. */
export async function listRecentNotifications(db: Db, limit = 20) {
  const rows = await db.alertNotification.findMany({ include: { alert: true }, orderBy: { id: "desc" }, take: limit });
  return rows.map((row) => ({
    id: row.id,
    alert_id: row.alertId,
    kind: row.alert.kind,
    flow: row.alert.flow,
    severity: row.alert.severity,
    message: row.alert.message,
    transition: row.transition,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    last_error: row.lastError,
    response_status: row.responseStatus,
    sent_at: row.sentAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  }));
}
