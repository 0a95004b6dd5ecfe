// Haier sync end to end on the embedded platform: an admin starts a products
// sync from /haier, the engine runs it against the Haier simulator, the log row
// turns success and the products appear with their stored thumbnails.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

describe("Haier sync on the embedded platform", () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({ demoData: false, extraEnv: { HAIER_SIMULATOR_CATALOGUE_SIZE: "60" } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("an admin starts a sync, sees its log row become success and the products appear", async () => {
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    await page.goto(`${platform.appUrl}/haier`);
    await expect.poll(() => page.getByText("No Haier products yet").count(), { timeout: 20_000 }).toBe(1);

    await page.getByLabel("Product codes").fill("HR0000001 HR0000002 HR0000003 HR0000004 HR0000005");
    await page.getByRole("button", { name: "Start sync" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toMatch(/Queued: sync log #\d+/);
    const logId = Number(/#(\d+)/.exec((await page.getByRole("status").textContent())!)![1]);

    const row = page.getByTestId(`haier-log-${logId}`);
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 120_000, interval: 1000 }).toBe("success");
    await expect.poll(() => row.textContent()).toContain("5 / 5 / 0");

    // The products table refreshes by itself; every product has its stored image.
    await expect.poll(() => page.getByTestId("haier-products").locator("tbody tr").count(), { timeout: 30_000 }).toBe(5);
    const product = page.getByTestId("haier-product-HR0000001");
    await expect
      .poll(() => product.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 })
      .toBe(true);
    const jpeg = page.getByTestId("haier-product-HR0000005"); // image key 1 → a JPEG
    await expect
      .poll(() => jpeg.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 })
      .toBe(true);

    // Run detail: counts, message and a link to the engine's run.
    await row.click();
    const detail = page.getByTestId(`haier-log-detail-${logId}`);
    await expect.poll(() => detail.getByRole("link", { name: "View run" }).getAttribute("href")).toMatch(/^\/runs\/.+/);
    await expect.poll(() => page.getByTestId("metric-success-rate").getAttribute("data-breached")).toBe("false");

    // The same log through the seed-002 API.
    const logs = await page.evaluate(async () => (await fetch("/api/haier/logs?sync_type=products&status=success")).json());
    expect(logs.results[0]).toMatchObject({
      id: logId,
      sync_type: "products",
      status: "success",
      total_count: 5,
      success_count: 5,
      failed_count: 0,
    });
    expect(logs.results[0].duration).toBeGreaterThan(0);
    expect(logs.results[0].triggered_by).toBe(platform.firstAdmin!.email);

    // Images are served only to signed-in staff.
    const src = await product.locator("img").getAttribute("src");
    expect(src).toMatch(/^\/api\/haier\/media\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{32}\.png$/);
    expect((await fetch(`${platform.appUrl}${src}`)).status).toBe(401);

    // Logistics lookup on demand.
    await page.getByLabel("Haier order code").fill("SO-2026-0001");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect.poll(() => page.getByTestId("haier-logistics-result").textContent(), { timeout: 20_000 }).toMatch(/Waybill: RRS\d+/);
    await page.close();
  }, 300_000);
});
