// Languages and times as staff meet them (issue 11 §1–2): the browser's
// Accept-Language decides until a user chooses, the sign-in page and the
// dashboard switch the language, the choice follows the account, every page
// renders from the catalogs in both languages (strict: a missing string fails),
// and times show in the user's zone with the zone named.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, watchPage } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

const PAGES = ["/", "/tracking", "/tracking/orders", "/logs", "/runs", "/haier", "/temu"];
const ABSOLUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (UTC[+-]\d+(:\d\d)?|UTC|JST)$/;

async function signInWith(page: Page, appUrl: string, email: string, password: string, labels: { email: string; password: string; submit: string }) {
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
}

const ZH = { email: "邮箱", password: "密码", submit: "登录" };
const EN = { email: "Email", password: "Password", submit: "Sign in" };

describe("languages and times in the browser", () => {
  let platform: TestPlatform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newContext = async (locale: string) => {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    return context;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.dispose();
  });

  it("the sign-in page follows Accept-Language and its switch, and names the language in <html lang>", async () => {
    const page = await (await newContext("zh-CN")).newPage();
    await page.goto(`${platform.appUrl}/signin`);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect(page.getByRole("button", { name: "登录" }).isVisible()).resolves.toBe(true);

    await page.getByTestId("language-switch").selectOption("en");
    await page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 10_000 });
    expect(await page.getAttribute("html", "lang")).toBe("en");
    // The cookie keeps the choice on the next visit.
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(true);

    const english = await (await newContext("en-US")).newPage();
    await english.goto(`${platform.appUrl}/signin`);
    expect(await english.getAttribute("html", "lang")).toBe("en");
  });

  it("every page renders in Chinese and in English with no string missing from the catalogs", async () => {
    for (const [locale, labels, title] of [
      ["zh-CN", ZH, "概览"],
      ["en-US", EN, "Overview"],
    ] as const) {
      const page = await (await newContext(locale)).newPage();
      const watch = watchPage(page);
      await signInWith(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, labels);
      await page.getByRole("heading", { name: title, level: 1 }).waitFor({ timeout: 20_000 });
      for (const path of PAGES) {
        const response = await page.goto(`${platform.appUrl}${path}`);
        expect(response?.status(), `${locale} ${path}`).toBeLessThan(400);
        await page.locator("h1").first().waitFor({ timeout: 20_000 });
        // Let client queries settle so their rows render too.
        await page.waitForLoadState("networkidle").catch(() => undefined);
        expect(await watch.check(), `${locale} ${path}`).toEqual([]);
      }
    }
  });

  it("the dashboard switch is saved on the user and follows them to another browser; times show in their zone", async () => {
    const first = await (await newContext("zh-CN")).newPage();
    await signInWith(first, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, ZH);
    await first.goto(`${platform.appUrl}/tracking/orders`);
    await first.getByTestId("purchasings-table").waitFor({ timeout: 20_000 });

    // Relative times in Chinese, the absolute time with the Shanghai zone on hover.
    const updated = first.getByTestId("purchasings-table").locator("tbody time").first();
    await updated.waitFor();
    expect(await updated.textContent()).toMatch(/前|现在/);
    expect(await updated.getAttribute("title")).toMatch(ABSOLUTE);
    expect(await updated.getAttribute("title")).toMatch(/UTC\+8$/);
    // Carrier dates are labelled JST.
    const estimated = await first.getByTestId("purchasings-table").locator("tbody tr td:nth-child(6)").allTextContents();
    expect(estimated.filter((t) => t !== "—").every((t) => /^\d{4}-\d{2}-\d{2} JST$/.test(t))).toBe(true);

    await first.getByTestId("time-zone-setting").selectOption("Asia/Tokyo");
    await first.waitForFunction(() => document.querySelector("[data-testid=purchasings-table] tbody time")?.getAttribute("title")?.endsWith("JST"), null, {
      timeout: 10_000,
    });
    await first.getByTestId("language-setting").selectOption("en");
    await first.getByRole("heading", { name: "Purchasing orders", level: 1 }).waitFor({ timeout: 10_000 });
    expect(await first.getAttribute("html", "lang")).toBe("en");

    // Another browser that prefers Chinese: the account's choice wins once signed in.
    const second = await (await newContext("zh-CN")).newPage();
    await signInWith(second, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, ZH);
    await second.getByRole("heading", { name: "Overview", level: 1 }).waitFor({ timeout: 20_000 });
    expect(await second.getAttribute("html", "lang")).toBe("en");
    const preferences = await second.request.get(`${platform.appUrl}/api/me/preferences`);
    expect(await preferences.json()).toEqual({ locale: "en", time_zone: "Asia/Tokyo" });

    // API errors in the user's language: English now, whatever the browser says.
    const missing = await second.request.get(`${platform.appUrl}/api/runs/no-such-run`, { headers: { "accept-language": "zh-CN" } });
    expect(await missing.json()).toMatchObject({ code: "run_not_found", detail: "Run not found" });
    await second.request.patch(`${platform.appUrl}/api/me/preferences`, { data: { locale: "zh-CN" } });
    const missingZh = await second.request.get(`${platform.appUrl}/api/runs/no-such-run`);
    expect(await missingZh.json()).toMatchObject({ code: "run_not_found", detail: "找不到该运行记录" });
  });
});
