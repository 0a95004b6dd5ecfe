// The admin API of alert notifications: admin-only, same-origin JSON only,
// credentials (the webhook URL and the DingTalk secret) never returned in full,
// and "send test" answering with the receiver's own answer.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

const sessionState = { user: { id: "0", email: "admin@example.com", role: "admin" as "admin" | "staff" } };
vi.mock("../../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => ({ user: sessionState.user, expires: "2099-01-01" }),
}));

const { prisma } = await import("../../../lib/db/client");
const channelRoute = await import("../../../app/api/notifications/channel/route");
const testRoute = await import("../../../app/api/notifications/test/route");

const APP = "http://ops.example.test:3000";
const ctx = { params: Promise.resolve({}) };
const SECRET = "SECabcdef0123456789abcdef0123456789";
const JSON_SAME_ORIGIN = { origin: APP, "content-type": "application/json", "accept-language": "en" };

const put = (body: unknown, headers: Record<string, string> = JSON_SAME_ORIGIN) =>
  channelRoute.PUT(new NextRequest(`${APP}/api/notifications/channel`, { method: "PUT", body: JSON.stringify(body), headers }), ctx);
const get = () => channelRoute.GET(new NextRequest(`${APP}/api/notifications/channel`, { headers: { "accept-language": "en" } }), ctx);
const sendTest = (headers: Record<string, string> = JSON_SAME_ORIGIN) =>
  testRoute.POST(new NextRequest(`${APP}/api/notifications/test`, { method: "POST", body: "{}", headers }), ctx);

describe("notification settings API", () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    await resetDatabase();
    receiver.reset();
    vi.stubEnv("NEXTAUTH_URL", APP);
    vi.stubEnv("APP_URL", "");
    const admin = await prisma.user.create({ data: { email: "admin@example.com", passwordHash: "x", role: "admin" } });
    sessionState.user = { id: String(admin.id), email: admin.email, role: "admin" };
  });
  afterEach(() => vi.unstubAllEnvs());

  it("saves a webhook and never returns its URL key or secret in full", async () => {
    const saved = await put({ url: receiver.url, format: "dingtalk", enabled: true, locale: "zh-CN", secret: SECRET });
    expect(saved.status).toBe(200);
    const res = await get();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("test-robot-key-123456");
    const { channel, recent } = JSON.parse(text);
    expect(channel).toMatchObject({
      format: "dingtalk",
      enabled: true,
      locale: "zh-CN",
      secret_set: true,
      secret_masked: "SEC…6789",
      updated_by: "admin@example.com",
    });
    expect(channel.url_masked).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/…send\?key=…3456$/);
    expect(recent).toEqual([]);

    // Omitted URL and secret keep the stored ones; an empty secret removes it.
    expect((await put({ format: "dingtalk", enabled: false, locale: "en" })).status).toBe(200);
    const kept = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: 1 } });
    expect(kept).toMatchObject({ url: receiver.url, secret: SECRET, enabled: false, locale: "en" });
    await put({ format: "wecom", enabled: true, locale: "zh-CN", secret: "" });
    expect((await prisma.notificationChannel.findUniqueOrThrow({ where: { id: 1 } })).secret).toBeNull();
  });

  it("accepts only http(s) URLs, a known format, and a URL for the first save", async () => {
    for (const url of ["ftp://example.com/hook", "javascript:alert(1)", "file:///etc/passwd", "not a url"]) {
      const res = await put({ url, format: "wecom" });
      expect(res.status, url).toBe(400);
      expect((await res.json()).code).toBe("invalid_input");
    }
    expect((await put({ url: "https://example.com/hook", format: "teams" })).status).toBe(400);
    const missing = await put({ format: "wecom" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "notification_url_required", detail: "A webhook URL is required" });
    expect(await prisma.notificationChannel.count()).toBe(0);
  });

  it("send test posts now and shows the receiver's answer, success or refusal", async () => {
    const none = await sendTest();
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe("notification_channel_missing");

    await put({ url: receiver.url, format: "wecom", enabled: false, locale: "zh-CN" });
    const ok = await sendTest();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, status: 200, body: '{"errcode":0,"errmsg":"ok"}', error: null });
    expect(receiver.received).toHaveLength(1);
    const content = (receiver.received[0].body as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("运营平台测试消息");
    expect(content).toContain("由 admin@example.com");
    expect(content).toContain(`(${APP}/settings/notifications)`);

    receiver.script({ status: 200, body: JSON.stringify({ errcode: 93000, errmsg: "invalid webhook url" }) });
    const refused = await sendTest();
    expect(await refused.json()).toMatchObject({ ok: false, status: 200, error: "errcode 93000: invalid webhook url" });
    // A test leaves no outbox row.
    expect(await prisma.alertNotification.count()).toBe(0);
  });

  it("staff accounts get 403 on every notification route", async () => {
    await put({ url: receiver.url, format: "wecom" });
    sessionState.user = { ...sessionState.user, role: "staff" };
    for (const res of [await get(), await put({ url: "https://example.com/x", format: "slack" }), await sendTest()]) {
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe("admin_required");
    }
    expect(receiver.received).toHaveLength(0);
    expect((await prisma.notificationChannel.findUniqueOrThrow({ where: { id: 1 } })).url).toBe(receiver.url);
  });

  it("refuses cross-origin writes and non-JSON bodies before doing anything", async () => {
    await put({ url: receiver.url, format: "wecom" });
    const evil = { origin: "http://evil.example", "content-type": "application/json" };
    expect((await put({ url: "https://attacker.example/hook", format: "slack" }, evil)).status).toBe(403);
    expect((await sendTest(evil)).status).toBe(403);
    expect((await sendTest({ "sec-fetch-site": "cross-site", "content-type": "application/json" })).status).toBe(403);
    expect(
      (await put({ url: "https://attacker.example/hook", format: "slack" }, { origin: APP, "content-type": "text/plain" })).status,
    ).toBe(415);
    expect(receiver.received).toHaveLength(0);
    expect((await prisma.notificationChannel.findUniqueOrThrow({ where: { id: 1 } })).url).toBe(receiver.url);
  });
});
