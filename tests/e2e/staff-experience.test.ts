// The staff experience of issue 11 in a real browser. Languages and times (§1–2): the browser's
// Accept-Language decides until a user chooses, the sign-in page and the
// dashboard switch the language, the choice follows the account, every page
// renders from the catalogs in both languages (strict: a missing string fails),
// and times show in the user's zone with the zone named. Tables (§6): filters,
// sort and page in the URL, exports of the filtered list. Feedback (§7): a toast
// linking to what a trigger started. Phone and accessibility (§8): axe-core on
// every page, a folding navigation, no sideways scrolling.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityFindings } from "../support/axe";
import { launchBrowser, watchPage } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

const PAGES = ["/", "/tracking", "/tracking/orders", "/logs", "/runs", "/haier", "/temu"];
const ABSOLUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (UTC[+-]\d+(:\d\d)?|UTC|JST)$/;

async function signInWith(
  page: Page,
  appUrl: string,
  email: string,
  password: string,
  labels: { email: string; password: string; submit: string },
) {
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
}

async function detailPages(page: Page, appUrl: string): Promise<string[]> {
  const paths: string[] = [];
  const batches = await (await page.request.get(`${appUrl}/api/tracking/batches?days=365`)).json();
  if (batches.batches?.[0]) paths.push(`/tracking/batches/${batches.batches[0].batch_uuid}`);
  const orders = await (await page.request.get(`${appUrl}/api/purchasings?page_size=1`)).json();
  if (orders.results?.[0]) paths.push(`/tracking/orders/${encodeURIComponent(orders.results[0].order_number)}`);
  const runs = await (await page.request.get(`${appUrl}/api/runs?limit=1`)).json();
  if (runs.runs?.[0]) paths.push(`/runs/${runs.runs[0].id}`);
  return paths;
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
  }, 120_000);

  it("every page renders in Chinese and in English with no string missing from the catalogs and no serious accessibility finding", async () => {
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
        expect(await seriousAccessibilityFindings(page), `axe ${locale} ${path}`).toEqual([]);
      }
      // The detail pages too: a batch (when the demo data has one) and a run.
      for (const path of await detailPages(page, platform.appUrl)) {
        await page.goto(`${platform.appUrl}${path}`);
        await page.locator("h1").first().waitFor({ timeout: 20_000 });
        await page.waitForLoadState("networkidle").catch(() => undefined);
        expect(await watch.check(), `${locale} ${path}`).toEqual([]);
        expect(await seriousAccessibilityFindings(page), `axe ${locale} ${path}`).toEqual([]);
      }
    }
  }, 600_000);

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
    await first.waitForFunction(
      () => document.querySelector("[data-testid=purchasings-table] tbody time")?.getAttribute("title")?.endsWith("JST"),
      null,
      {
        timeout: 10_000,
      },
    );
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
    // page.request sends no Origin of its own; the staff API refuses writes without one.
    await second.request.patch(`${platform.appUrl}/api/me/preferences`, {
      data: { locale: "zh-CN" },
      headers: { origin: platform.appUrl },
    });
    const missingZh = await second.request.get(`${platform.appUrl}/api/runs/no-such-run`);
    expect(await missingZh.json()).toMatchObject({ code: "run_not_found", detail: "找不到该运行记录" });
    // Hand the choice back to the browser for the tests that follow.
    await second.request.patch(`${platform.appUrl}/api/me/preferences`, {
      data: { locale: null, time_zone: "Asia/Shanghai" },
      headers: { origin: platform.appUrl },
    });
  }, 300_000);

  it("on a phone the navigation folds into a menu, the page never scrolls sideways and tables scroll inside their frame", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    const watch = watchPage(page);
    await signInWith(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, ZH);
    for (const path of PAGES) {
      await page.goto(`${platform.appUrl}${path}`);
      await page.locator("h1").first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState("networkidle").catch(() => undefined);
      // The sidebar is hidden; the menu button is there.
      expect(await page.locator("aside").isVisible(), path).toBe(false);
      await expect(page.getByTestId("mobile-nav-toggle").isVisible()).resolves.toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      expect(await watch.check(), path).toEqual([]);
      expect(await seriousAccessibilityFindings(page), `axe phone ${path}`).toEqual([]);
    }
    // The menu opens, is announced as expanded, and navigates.
    await page.getByTestId("mobile-nav-toggle").click();
    expect(await page.getByTestId("mobile-nav-toggle").getAttribute("aria-expanded")).toBe("true");
    await page.locator("#mobile-nav-panel").getByRole("link", { name: "日志" }).click();
    await page.waitForURL(/\/logs$/);
    await page.getByRole("heading", { name: "同步日志", level: 1 }).waitFor();
    expect(await page.locator("#mobile-nav-panel").count()).toBe(0);
    await page.screenshot({ path: `${platform.dataDir}/../resale-ops-phone-logs-zh.png`, fullPage: true }).catch(() => undefined);
  }, 600_000);

  it("keeps the orders list's filter, sort and page in the URL: shareable, the back button works, the export follows it", async () => {
    const page = await (await newContext("en-US")).newPage();
    await signInWith(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, EN);
    // A shared link opens the list as filtered and sorted.
    await page.goto(`${platform.appUrl}/tracking/orders?delivery_status=in_transit&sort=order_number&dir=asc`);
    const table = page.getByTestId("purchasings-table");
    await table.waitFor({ timeout: 20_000 });
    expect(await page.getByLabel("Delivery status").inputValue()).toBe("in_transit");
    const statuses = await table
      .locator("tbody [data-status-value]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-status-value")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["in_transit"]));
    const orderNumbers = await table.locator("tbody tr td:first-child").allTextContents();
    expect(orderNumbers).toEqual([...orderNumbers].sort());
    expect(await table.locator('th[aria-sort="ascending"]').count()).toBe(1);

    // Sorting writes the URL; Back restores the previous order.
    await table.locator('button[data-sort="order_number"]').click();
    // Descending is the default, so the URL drops dir= rather than spelling it out.
    await page.waitForURL((url) => url.searchParams.get("sort") === "order_number" && url.searchParams.get("dir") !== "asc");
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll("[data-testid=purchasings-table] tbody tr td:first-child")].map(
        (c) => c.textContent ?? "",
      );
      return cells.length > 1 && cells[0] > cells[cells.length - 1];
    });
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("dir") === "asc");
    await page.waitForFunction(() => document.querySelector('[data-testid=purchasings-table] th[aria-sort="ascending"]') !== null);

    // The export link carries the same filter.
    const csvHref = await page.getByTestId("export-links").getByRole("link", { name: "CSV" }).getAttribute("href");
    expect(csvHref).toContain("delivery_status=in_transit");
    const csv = await (await page.request.get(`${platform.appUrl}${csvHref}`)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines.length - 1).toBe(Number((await page.getByTestId("purchasing-total").textContent())!.match(/\d+/)![0]));
    expect(lines.slice(1).every((l) => l.includes(",in_transit,"))).toBe(true);
  }, 300_000);

  it("a trigger shows a toast linking to what it started", async () => {
    const page = await (await newContext("en-US")).newPage();
    await signInWith(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, EN);
    await page.goto(`${platform.appUrl}/tracking`);
    const button = page.getByRole("button", { name: "Refresh Japan Post statuses" });
    await button.waitFor({ timeout: 20_000 });
    await button.click();
    const toast = page.getByTestId("toast").filter({ hasText: "Started" });
    await toast.waitFor({ timeout: 20_000 });
    await toast.getByRole("link", { name: "Open its run" }).click();
    await page.waitForURL(/\/runs\?functionId=resale-ops-japan-post-worker/);
    expect(await page.getByLabel("Function id").inputValue()).toBe("resale-ops-japan-post-worker");
    const firstRun = page.getByTestId("runs-table").locator("tbody tr").first();
    await firstRun.waitFor({ timeout: 20_000 });
    expect(await firstRun.textContent()).toMatch(/Japan Post worker/);
  }, 300_000);
});
