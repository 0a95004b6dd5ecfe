// Issue 11 item 4 in a real browser: an admin sets the alert webhook, sends a
// test message to a local receiver and sees its answer; the page renders from
// both catalogs with no serious accessibility finding, on a laptop and a phone.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityFindings } from "../support/axe";
import { launchBrowser, watchPage } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const PATH = "/settings/notifications";
const ZH = { email: "邮箱", password: "密码", submit: "登录" };
const EN = { email: "Email", password: "Password", submit: "Sign in" };

async function signIn(page: Page, appUrl: string, admin: { email: string; password: string }, labels: typeof ZH) {
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel(labels.email).fill(admin.email);
  await page.getByLabel(labels.password).fill(admin.password);
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
}

describe("notifications page", () => {
  let platform: TestPlatform;
  let browser: Browser;
  let receiver: WebhookReceiver;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    platform = await startTestPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.dispose();
    await receiver?.stop();
  });

  it("an admin saves a WeCom webhook, sends a test and sees the receiver's answer; the key is never shown again", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const watch = watchPage(page);
    await signIn(page, platform.appUrl, platform.firstAdmin!, ZH);
    await page.goto(`${platform.appUrl}${PATH}`);
    await page.getByRole("heading", { name: "通知", level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByText("尚未配置 Webhook。").waitFor();
    expect(await page.getByTestId("notification-send-test").isDisabled()).toBe(true);
    expect(await seriousAccessibilityFindings(page), "axe zh-CN empty").toEqual([]);

    await page.getByLabel("Webhook 地址").fill(receiver.url);
    await page.getByLabel("消息格式").selectOption("wecom");
    await page.getByTestId("notification-save").click();
    await page.getByText("Webhook 已保存").waitFor({ timeout: 10_000 });
    // The stored key comes back masked only, as the field's placeholder.
    await expect.poll(() => page.getByLabel("Webhook 地址").getAttribute("placeholder"), { timeout: 10_000 }).toMatch(/key=…3456/);
    expect(await page.content()).not.toContain("test-robot-key-123456");

    const before = receiver.received.length;
    receiver.script({ status: 200, body: JSON.stringify({ errcode: 0, errmsg: "ok" }) });
    await page.getByTestId("notification-send-test").click();
    const answer = page.getByTestId("notification-test-answer");
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.innerText()).toContain("已送达：接收方返回 HTTP 200");
    expect(await answer.innerText()).toContain('{"errcode":0,"errmsg":"ok"}');
    const tests = receiver.received.slice(before).filter((r) => JSON.stringify(r.body).includes("运营平台测试消息"));
    expect(tests).toHaveLength(1);
    expect((tests[0].body as { msgtype: string }).msgtype).toBe("markdown");

    // A refusal is shown with the receiver's errcode.
    receiver.script({ status: 200, body: JSON.stringify({ errcode: 93000, errmsg: "invalid webhook url" }) });
    await page.getByTestId("notification-send-test").click();
    await expect.poll(() => answer.innerText(), { timeout: 15_000 }).toContain("未送达：errcode 93000: invalid webhook url");
    await page.waitForLoadState("networkidle").catch(() => undefined);
    expect(await watch.check()).toEqual([]);
    expect(await seriousAccessibilityFindings(page), "axe zh-CN configured").toEqual([]);
  }, 180_000);

  it("renders in English and on a phone with no missing string or serious accessibility finding", async () => {
    for (const options of [
      { locale: "en-US", viewport: { width: 1440, height: 900 }, labels: EN, title: "Notifications" },
      { locale: "zh-CN", viewport: { width: 390, height: 844 }, labels: ZH, title: "通知", isMobile: true, hasTouch: true },
    ]) {
      const { labels, title, ...contextOptions } = options;
      const context = await browser.newContext(contextOptions);
      contexts.push(context);
      const page = await context.newPage();
      const watch = watchPage(page);
      await signIn(page, platform.appUrl, platform.firstAdmin!, labels);
      await page.goto(`${platform.appUrl}${PATH}`);
      await page.getByRole("heading", { name: title, level: 1 }).waitFor({ timeout: 20_000 });
      await page.getByTestId("notification-channel-form").waitFor({ timeout: 20_000 });
      await page.waitForLoadState("networkidle").catch(() => undefined);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${options.locale} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      expect(await watch.check(), options.locale).toEqual([]);
      expect(await seriousAccessibilityFindings(page), `axe ${options.locale} ${options.viewport.width}`).toEqual([]);
    }
  }, 180_000);
});
