// The operations cockpit (issue 11 §3) in a real browser: a batch stuck for
// 40 minutes raises an alert on the Overview, a staff member acknowledges it,
// health, budgets and trends show, in English and Chinese, on a laptop and a
// phone, with no serious or critical axe finding.
import type { Browser } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAccessibilityFindings } from "../support/axe";
import { launchBrowser, signIn, watchPage } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

async function createStuckBatch(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const at = new Date(Date.now() - 40 * 60_000);
    const batch = await client.query(
      `INSERT INTO "TrackingBatch" ("filePath", "taskName", "totalJobs", "status", "createdAt", "updatedAt") VALUES ('e2e-stuck.txt', 'yamato', 1, 'processing', $1, $1) RETURNING id, "batchUuid"::text AS uuid`,
      [at],
    );
    // Published (it has a scraping job id) and still waiting for its notification; no publishedAt so the reconciler leaves it be.
    await client.query(
      `INSERT INTO "TrackingJob" ("batchId", "jobId", "customId", "targetUrl", "index", "status", "createdAt", "updatedAt") VALUES ($1, 'e2e-stuck-1', 'e2e-stuck-c1', 'https://example.test/stuck', 0, 'pending', $2, $2)`,
      [batch.rows[0].id, at],
    );
    return batch.rows[0].uuid as string;
  } finally {
    await client.end();
  }
}

describe("operations cockpit", () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("shows a stuck batch's alert first, acknowledges it, and shows health, budgets and trends", async () => {
    const uuid = await createStuckBatch(platform.databaseUrl);
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page);
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password!);
    await page.goto(`${platform.appUrl}/`);

    const alert = page.getByTestId("alert-tracking_batch_stalled");
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toMatch(
      /Batch stuck.*1 pending jobs and no progress since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+8/,
    );
    expect(await alert.getByRole("link", { name: "Open" }).getAttribute("href")).toBe(`/tracking/batches/${uuid}`);
    // What is wrong comes first on the page: the alerts card precedes health, budgets and trends.
    const order = await page.evaluate(() =>
      ["cockpit-alerts", "health-tracking", "budget-webscraper", "trend-delivered"].map(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1,
      ),
    );
    expect(order.every((top) => top >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Health per flow, each with its formula; the stuck batch costs tracking 35 points.
    for (const flow of ["tracking", "haier", "temu", "background"]) await page.getByTestId(`health-${flow}`).waitFor();
    expect(Number(await page.getByTestId("health-score-tracking").textContent())).toBeLessThanOrEqual(65);
    await expect(page.getByTestId("health-formula-tracking").textContent()).resolves.toMatch(/^100 − 35·min\(1, stalled batches\)/);
    await expect(page.getByTestId("budget-webscraper").textContent()).resolves.toMatch(/^\d+ \/ 150$/);
    await page.getByTestId("trend-delivered").waitFor();

    await alert.getByRole("button", { name: "Acknowledge" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Alert acknowledged" })
      .or(page.getByText("Alert acknowledged"))
      .first()
      .waitFor({ timeout: 15_000 });
    await alert.getByTestId("alert-acknowledged").waitFor({ timeout: 15_000 });
    await expect(alert.getByTestId("alert-acknowledged").textContent()).resolves.toContain(`Acknowledged by ${platform.firstAdmin!.email}`);
    expect(await alert.getByRole("button", { name: "Acknowledge" }).count()).toBe(0);

    expect(await watch.check()).toEqual([]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await context.close();
  }, 180_000);

  it("in Chinese on a phone: the alert is worded in Chinese, nothing scrolls sideways, no serious axe finding", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${platform.appUrl}/signin`);
    await page.getByLabel("邮箱").fill(platform.firstAdmin!.email);
    await page.getByLabel("密码").fill(platform.firstAdmin!.password!);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
    await page.goto(`${platform.appUrl}/`);
    const alert = page.getByTestId("alert-tracking_batch_stalled");
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toMatch(/批次停滞.*有 1 个待处理任务/);
    await expect(alert.textContent()).resolves.toContain("已由");
    await page.getByTestId("trend-failures").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    expect(await watch.check()).toEqual([]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
