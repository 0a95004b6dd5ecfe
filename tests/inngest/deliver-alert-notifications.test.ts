// The delivery function and its two triggers: the event the monitoring
// evaluation sends when alerts open or clear, and the minute sweeper.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deliverAlertNotificationsFunction } from "../../inngest/functions/deliver-alert-notifications";
import { monitoringEvaluateFunction } from "../../inngest/functions/monitoring-evaluate";
import { prisma } from "../../lib/db/client";
import { saveChannel } from "../../lib/notifications/channel-settings";
import { ALERTS_CHANGED_EVENT } from "../../lib/notifications/events";
import { resetDatabase } from "../setup/reset-database";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const configOf = (fn: unknown) =>
  (fn as { getConfig(o: object): Record<string, unknown>[] }).getConfig({
    baseUrl: new URL("http://localhost/api/inngest"),
    appPrefix: "resale-ops",
  })[0];

describe("deliver-alert-notifications function", () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    await resetDatabase();
    receiver.reset();
    vi.stubEnv("APP_URL", "https://ops.example.com/");
  });

  it("runs on the monitoring event and every minute, one run at a time", () => {
    const config = configOf(deliverAlertNotificationsFunction);
    expect(config.triggers).toEqual([{ event: ALERTS_CHANGED_EVENT }, { cron: "* * * * *" }]);
    expect(config.concurrency).toEqual({ limit: 1 });
  });

  it("the monitoring evaluation that raises an alert asks for delivery; the delivery posts it once with the configured app link", async () => {
    await saveChannel(prisma, { url: receiver.url, format: "wecom", enabled: true, locale: "zh-CN" }, "admin@example.com");
    await prisma.shop.create({
      data: { shopId: "M9", name: "Shop M9", lastSuccessfulSyncAt: new Date(Date.now() - 31 * 60_000), lastSyncError: "page 3 failed" },
    });

    const evaluate = new InngestTestEngine({
      function: monitoringEvaluateFunction,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
      steps: [{ id: "notify", handler: () => ({ ids: ["e1"] }) }],
    });
    const evaluated = await evaluate.execute();
    expect(evaluated.ctx.step.sendEvent).toHaveBeenCalledWith("notify", {
      name: ALERTS_CHANGED_EVENT,
      data: { transitions: expect.any(Number) },
    });
    const alert = await prisma.alert.findFirstOrThrow({ where: { kind: "temu_sync_stale" } });

    const deliver = new InngestTestEngine({
      function: deliverAlertNotificationsFunction,
      events: [{ name: ALERTS_CHANGED_EVENT, data: { transitions: 1 } }],
    });
    const { result } = await deliver.execute();
    expect(result).toMatchObject({ retrying: 0, failed: 0 });
    const mine = receiver.received
      .map((r) => (r.body as { markdown: { content: string } }).markdown.content)
      .filter((c) => c.includes("Temu 同步超时未完成"));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain("(https://ops.example.com/temu");
    expect(
      await prisma.alertNotification.findUniqueOrThrow({ where: { alertId_transition: { alertId: alert.id, transition: "open" } } }),
    ).toMatchObject({ status: "sent", attempts: 1 });

    // A second evaluation only refreshes: no event, no message.
    const again = new InngestTestEngine({ function: monitoringEvaluateFunction, events: [{ name: "inngest/scheduled.timer", data: {} }] });
    const second = await again.execute();
    expect(second.ctx.step.sendEvent).not.toHaveBeenCalled();
    await new InngestTestEngine({
      function: deliverAlertNotificationsFunction,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    }).execute();
    expect(receiver.received.filter((r) => JSON.stringify(r.body).includes("Temu 同步超时未完成"))).toHaveLength(1);
  });
});
