// Issue 11 item 4: alert notifications against a real local receiver. Time is
// an injected clock: retries are checked by moving it, never by sleeping.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, prisma } from "../../../lib/db/client";
import { syncFlowAlerts, type AlertCondition } from "../../../lib/monitoring/alerts";
import { saveChannel } from "../../../lib/notifications/channel-settings";
import { deliverDueNotifications, listRecentNotifications, type DeliveryDeps } from "../../../lib/notifications/deliver-notifications";
import { RETRY_POLICY } from "../../../lib/notifications/retry-policy";
import { resetDatabase } from "../../setup/reset-database";
import { OK_ANSWER, startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

const T0 = new Date("2026-11-30T02:00:00Z");
const condition: AlertCondition = {
  kind: "temu_queue_backlog",
  severity: "warning",
  fingerprint: "test:queue_backlog",
  message: "1500 package-number tasks are waiting (threshold 1000)",
  link: "/temu?shop=7",
};

let receiver: WebhookReceiver;
let clock: Date;
const deps = (extra: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
  db: prisma,
  fetch: (url, init) => fetch(url, init),
  now: () => clock,
  random: () => 0.5,
  appUrl: "https://ops.example.com",
  timeoutMs: 5_000,
  ...extra,
});
const at = (ms: number) => new Date(T0.getTime() + ms);
const markdownOf = (i: number) => (receiver.received[i].body as { markdown: { content: string } }).markdown.content;

describe("alert notifications", () => {
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    await resetDatabase();
    receiver.reset();
    clock = T0;
    await saveChannel(prisma, { url: receiver.url, format: "wecom", enabled: true, locale: "zh-CN" }, "admin@example.com");
  });

  it("an alert that opens and then clears is delivered once each, in Chinese, with a link to the configured app", async () => {
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1, retrying: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].body).toMatchObject({ msgtype: "markdown", markdown: { content: expect.any(String) } });
    expect(markdownOf(0)).toContain("🔴 告警：Temu 包裹号任务队列积压");
    expect(markdownOf(0)).toContain("1500 package-number tasks");
    expect(markdownOf(0)).toContain("级别：警告");
    expect(markdownOf(0)).toContain("2026-11-30 10:00 UTC+8");
    expect(markdownOf(0)).toContain("[在系统中查看](https://ops.example.com/temu?shop=7)");

    // Refreshes (lastSeenAt) never notify.
    for (let i = 1; i <= 3; i++) {
      clock = at(i * 60_000);
      await syncFlowAlerts(prisma, "temu", [condition], clock);
      await deliverDueNotifications(deps());
    }
    expect(receiver.received).toHaveLength(1);

    clock = at(5 * 60_000);
    await syncFlowAlerts(prisma, "temu", [], clock);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(markdownOf(1)).toContain("✅ 已恢复：Temu 包裹号任务队列积压");
    expect(markdownOf(1)).toContain("恢复时间：2026-11-30 10:05 UTC+8");

    clock = at(10 * 60_000);
    await syncFlowAlerts(prisma, "temu", [], clock);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0 });
    expect(receiver.received).toHaveLength(2);
    const rows = await prisma.alertNotification.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.transition, r.status, r.attempts])).toEqual([
      ["open", "sent", 1],
      ["clear", "sent", 1],
    ]);
  });

  it("a receiver failing twice (HTTP 503, then 200 with errcode≠0) is retried with growing delays, then delivered", async () => {
    receiver.script(
      { status: 503, body: "busy" },
      { status: 200, body: JSON.stringify({ errcode: 45009, errmsg: "api freq out of limit" }) },
      OK_ANSWER,
    );
    await syncFlowAlerts(prisma, "temu", [condition], T0);

    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0, retrying: 1 });
    let row = await prisma.alertNotification.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 503, lastError: "HTTP 503: busy" });
    const firstDelay = row.nextAttemptAt.getTime() - T0.getTime();
    expect(firstDelay).toBe(RETRY_POLICY.baseDelayMs);

    // Not due yet: nothing is sent a millisecond early.
    clock = new Date(row.nextAttemptAt.getTime() - 1);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0, retrying: 0 });
    expect(receiver.received).toHaveLength(1);

    clock = row.nextAttemptAt;
    expect(await deliverDueNotifications(deps())).toMatchObject({ retrying: 1 });
    row = await prisma.alertNotification.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 2, responseStatus: 200, lastError: "errcode 45009: api freq out of limit" });
    const secondDelay = row.nextAttemptAt.getTime() - clock.getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    expect(secondDelay).toBe(2 * RETRY_POLICY.baseDelayMs);

    clock = row.nextAttemptAt;
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    row = await prisma.alertNotification.findFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null, sentAt: clock });
    expect(receiver.received).toHaveLength(3);
    // The same message each time.
    expect(new Set(receiver.received.map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it("jitter stays within ±20 % and delays keep growing up to the cap", async () => {
    const { retryDelayMs } = await import("../../../lib/notifications/retry-policy");
    let previousMax = 0;
    for (let attempt = 1; attempt < RETRY_POLICY.maxAttempts; attempt++) {
      const low = retryDelayMs(attempt, () => 0);
      const high = retryDelayMs(attempt, () => 0.999999);
      const nominal = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
      expect(low).toBe(Math.round(nominal * 0.8));
      expect(high).toBeLessThanOrEqual(Math.round(nominal * 1.2));
      if (nominal < RETRY_POLICY.maxDelayMs) expect(low).toBeGreaterThan(previousMax);
      previousMax = high;
    }
  });

  it("after the last attempt the row is failed, with the receiver's error for the admin", async () => {
    receiver.script(
      ...Array.from({ length: RETRY_POLICY.maxAttempts }, () => ({
        status: 200,
        body: JSON.stringify({ errcode: 93000, errmsg: "invalid webhook url" }),
      })),
    );
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    for (let i = 0; i < RETRY_POLICY.maxAttempts; i++) {
      await deliverDueNotifications(deps());
      const row = await prisma.alertNotification.findFirstOrThrow();
      clock = row.nextAttemptAt;
    }
    const row = await prisma.alertNotification.findFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: RETRY_POLICY.maxAttempts });
    expect(row.lastError).toBe(`errcode 93000: invalid webhook url (after ${RETRY_POLICY.maxAttempts} attempts)`);
    clock = at(48 * 3600_000);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(RETRY_POLICY.maxAttempts);
    const [listed] = await listRecentNotifications(prisma);
    expect(listed).toMatchObject({ status: "failed", last_error: row.lastError, kind: "temu_queue_backlog", transition: "open" });
  });

  it("a receiver that never answers times out and is retried", async () => {
    receiver.script({ ...OK_ANSWER, delayMs: 3_000 });
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    expect(await deliverDueNotifications(deps({ timeoutMs: 200 }))).toMatchObject({ retrying: 1 });
    expect((await prisma.alertNotification.findFirstOrThrow()).lastError).toBe("no answer within 200 ms");
  });

  it("two evaluations racing raise one alert and send one notification; two deliveries racing send it once", async () => {
    const other = createPrismaClient();
    try {
      const results = await Promise.all([
        syncFlowAlerts(prisma, "temu", [condition], T0),
        syncFlowAlerts(other, "temu", [condition], T0),
        syncFlowAlerts(prisma, "temu", [condition], T0),
      ]);
      expect(results.flatMap((r) => r.raised)).toHaveLength(1);
      expect(await prisma.alert.count()).toBe(1);
      expect(await prisma.alertNotification.count()).toBe(1);

      const summaries = await Promise.all([deliverDueNotifications(deps()), deliverDueNotifications(deps({ db: other }))]);
      expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(1);
      expect(receiver.received).toHaveLength(1);

      clock = at(60_000);
      await Promise.all([syncFlowAlerts(prisma, "temu", [], clock), syncFlowAlerts(other, "temu", [], clock)]);
      expect(await prisma.alertNotification.count({ where: { transition: "clear" } })).toBe(1);
      await Promise.all([deliverDueNotifications(deps()), deliverDueNotifications(deps({ db: other }))]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await other.$disconnect();
    }
  });

  it("a clear waits for its open to be delivered first", async () => {
    receiver.script({ status: 500, body: "" });
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    await deliverDueNotifications(deps());
    clock = at(1_000);
    await syncFlowAlerts(prisma, "temu", [], clock);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0 });
    clock = at(10 * 60_000);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    expect(markdownOf(1)).toContain("🔴");
    expect(markdownOf(2)).toContain("✅");
  });

  it("DingTalk: markdown with a title, signed with timestamp + HMAC-SHA256 when a secret is set", async () => {
    const secret = "SEC0123456789abcdef0123456789abcdef";
    await saveChannel(prisma, { url: receiver.url, format: "dingtalk", enabled: true, locale: "en", secret }, "admin@example.com");
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    const [request] = receiver.received;
    expect(request.body).toMatchObject({
      msgtype: "markdown",
      markdown: { title: "🔴 Alert: Temu package-number queue backlog", text: expect.stringContaining("Severity: warning") },
    });
    expect(request.query.get("key")).toBe("test-robot-key-123456");
    const timestamp = request.query.get("timestamp")!;
    expect(timestamp).toBe(String(T0.getTime()));
    expect(request.query.get("sign")).toBe(createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64"));
  });

  it("Slack-compatible: a {text} body; no signature without a DingTalk secret", async () => {
    await saveChannel(prisma, { url: receiver.url, format: "slack", enabled: true, locale: "en" }, "admin@example.com");
    receiver.script({ status: 200, body: "ok" });
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 1 });
    const body = receiver.received[0].body as Record<string, string>;
    expect(Object.keys(body)).toEqual(["text"]);
    expect(body.text).toContain("*🔴 Alert: Temu package-number queue backlog*");
    expect(body.text).toContain("<https://ops.example.com/temu?shop=7|Open in Resale Ops>");
    expect(receiver.received[0].query.get("sign")).toBeNull();
  });

  it("with the channel disabled, due notifications are skipped (never replayed later)", async () => {
    await saveChannel(prisma, { url: receiver.url, format: "wecom", enabled: false, locale: "zh-CN" }, "admin@example.com");
    await syncFlowAlerts(prisma, "temu", [condition], T0);
    expect(await deliverDueNotifications(deps())).toMatchObject({ skipped: 1 });
    await saveChannel(prisma, { format: "wecom", enabled: true, locale: "zh-CN" }, "admin@example.com");
    expect(await deliverDueNotifications(deps())).toMatchObject({ sent: 0 });
    expect(receiver.received).toHaveLength(0);
    expect(await prisma.alertNotification.findFirstOrThrow()).toMatchObject({ status: "skipped", lastError: "channel disabled" });
  });
});
