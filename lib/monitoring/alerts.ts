// The one alert model of the platform (every flow: temu now, tracking and haier
// later). A flow's evaluator returns the conditions that hold right now; this
// file turns them into Alert rows: a new fingerprint is raised (firstSeenAt),
// one still holding is refreshed (lastSeenAt), one of the same flow no longer
// returned is cleared (clearedAt). A cleared condition that comes back is a new row.
// Raising and clearing also write the notification outbox (AlertNotification, one
// "open" and one "clear" per alert at most, in the same transaction); refreshing never does.
import type { AlertSeverity, Db, Prisma } from "../db/client";

export interface AlertCondition {
  /** What is wrong, e.g. "temu_queue_backlog". */
  kind: string;
  severity: AlertSeverity;
  /** Identity of this occurrence: kind plus what it is about (e.g. the shop). */
  fingerprint: string;
  message: string;
  /** Where staff look at it, e.g. "/temu?shop=…". */
  link?: string;
  details?: Record<string, unknown>;
}

export interface AlertSyncResult {
  raised: string[];
  refreshed: string[];
  cleared: string[];
}

export async function syncFlowAlerts(
  db: Db,
  flow: string,
  conditions: AlertCondition[],
  now: Date,
  kinds?: string[],
): Promise<AlertSyncResult> {
  const open = await db.alert.findMany({ where: { flow, clearedAt: null, ...(kinds ? { kind: { in: kinds } } : {}) } });
  const openByFingerprint = new Map(open.map((a) => [a.fingerprint, a]));
  const result: AlertSyncResult = { raised: [], refreshed: [], cleared: [] };
  const holding = new Set<string>();
  for (const condition of conditions) {
    holding.add(condition.fingerprint);
    const existing = openByFingerprint.get(condition.fingerprint);
    const data = {
      severity: condition.severity,
      message: condition.message,
      link: condition.link ?? null,
      details: (condition.details ?? {}) as Prisma.InputJsonValue,
      lastSeenAt: now,
    };
    if (existing) {
      await db.alert.update({ where: { id: existing.id }, data });
      result.refreshed.push(condition.fingerprint);
    } else {
      try {
        await db.alert.create({
          data: {
            ...data,
            kind: condition.kind,
            flow,
            fingerprint: condition.fingerprint,
            firstSeenAt: now,
            notifications: { create: { transition: "open", nextAttemptAt: now } },
          },
        });
        result.raised.push(condition.fingerprint);
      } catch (error) {
        // Another evaluation raised it a moment ago (unique open fingerprint): refresh that one.
        if ((error as { code?: string }).code !== "P2002") throw error;
        await db.alert.updateMany({ where: { fingerprint: condition.fingerprint, clearedAt: null }, data });
        result.refreshed.push(condition.fingerprint);
      }
    }
  }
  const toClear = open.filter((a) => !holding.has(a.fingerprint));
  if (toClear.length > 0) {
    const ids = toClear.map((a) => a.id);
    // Two evaluations may clear the same alert: the unique (alertId, transition) keeps one "clear".
    await db.$transaction([
      db.alert.updateMany({ where: { id: { in: ids }, clearedAt: null }, data: { clearedAt: now } }),
      db.alertNotification.createMany({
        data: ids.map((alertId) => ({ alertId, transition: "clear" as const, nextAttemptAt: now })),
        skipDuplicates: true,
      }),
    ]);
    result.cleared.push(...toClear.map((a) => a.fingerprint));
  }
  return result;
}

export async function listAlerts(db: Db, options: { flow?: string; active?: boolean; limit?: number } = {}) {
  return db.alert.findMany({
    where: { ...(options.flow ? { flow: options.flow } : {}), ...(options.active === false ? {} : { clearedAt: null }) },
    orderBy: [{ clearedAt: { sort: "desc", nulls: "first" } }, { lastSeenAt: "desc" }],
    take: options.limit ?? 100,
  });
}

export async function acknowledgeAlert(db: Db, id: number, by: string, now = new Date()): Promise<boolean> {
  const result = await db.alert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedBy: by, acknowledgedAt: now } });
  return result.count === 1;
}

export function alertJson(alert: Awaited<ReturnType<typeof listAlerts>>[number]) {
  return {
    id: alert.id,
    kind: alert.kind,
    flow: alert.flow,
    severity: alert.severity,
    fingerprint: alert.fingerprint,
    message: alert.message,
    link: alert.link,
    details: alert.details,
    first_seen_at: alert.firstSeenAt.toISOString(),
    last_seen_at: alert.lastSeenAt.toISOString(),
    cleared_at: alert.clearedAt?.toISOString() ?? null,
    acknowledged_by: alert.acknowledgedBy,
    acknowledged_at: alert.acknowledgedAt?.toISOString() ?? null,
  };
}
