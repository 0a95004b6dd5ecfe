// The Temu flow as staff meet it: the platform starts with the simulator's shops,
// an admin triggers a full order sync from the Temu page, watches its progress,
// and sees package numbers arrive through the enrichment queue.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn } from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

describe("Temu page", () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    // 200 ms a call: the 30 pages of a full sync take several seconds, so the page (refreshing every 2 s) sees
    // the sync running; without it the embedded platform finishes the sync between two refreshes.
    platform = await startTestPlatform({
      extraEnv: { TEMU_SIMULATOR_ORDER_COUNTS: "3000,200", TEMU_SIMULATOR_FAULTS: JSON.stringify({ latencyMs: 200 }) },
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("triggers a full order sync, shows its progress, then package numbers and searchable orders", async () => {
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password!);
    await page.goto(`${platform.appUrl}/temu`);
    const shopRows = page.locator('[data-testid^="temu-shop-"]');
    await shopRows.first().waitFor({ timeout: 30_000 });
    expect(await shopRows.count()).toBe(2);
    const firstRow = shopRows.first();
    // Credentials are masked on the page.
    await expect(firstRow.textContent()).resolves.toMatch(/app_key \w{4}…\w{4}/);
    await expect(page.getByTestId("temu-health-formula").textContent()).resolves.toMatch(/100 −/);

    const progressLabels: string[] = [];
    await firstRow.getByRole("button", { name: "Orders: full" }).click();
    await page.getByRole("status").filter({ hasText: "Queued" }).waitFor({ timeout: 15_000 });
    // Live progress while it runs (pages done / total), then success.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const label = await firstRow
        .getByTestId("sync-progress-label")
        .textContent({ timeout: 500 })
        .catch(() => null);
      if (label) progressLabels.push(label);
      const text = (await firstRow.textContent()) ?? "";
      if (/success/.test(text) && !label && progressLabels.length > 0) break;
      if (Date.now() > deadline) throw new Error(`sync did not finish; labels seen: ${progressLabels.join(" | ")}`);
      await page.waitForTimeout(300);
    }
    expect(progressLabels.some((l) => /full: \d+\/\d+ pages/.test(l))).toBe(true);
    expect(Number((await firstRow.textContent())?.match(/(\d+) orders stored/)?.[1])).toBeGreaterThan(3000);

    // Enrichment (queued by the sync): package numbers reach the orders.
    const shopId = (await firstRow.getAttribute("data-testid"))!.replace("temu-shop-", "");
    let packageSn: string | null = null;
    const enrichDeadline = Date.now() + 180_000;
    while (!packageSn) {
      const res = await page.evaluate(async (shop) => (await fetch(`/api/sync/shops/${shop}/orders?q=PK&page_size=1`)).json(), shopId);
      packageSn = res.items?.[0]?.package_sn ?? null;
      if (!packageSn) {
        if (Date.now() > enrichDeadline) throw new Error("no package number appeared");
        await page.waitForTimeout(1000);
      }
    }
    await page.getByLabel(/Search order/).fill(packageSn);
    await page.waitForFunction(
      (sn) => {
        const rows = [...document.querySelectorAll('[data-testid="temu-orders"] tbody tr')];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes(sn));
      },
      packageSn,
      { timeout: 15_000 },
    );
    // The counts refresh every 2 s: wait for the completed tasks to show.
    await page.waitForFunction(
      (id) =>
        /completed: [1-9]/.test(
          document.querySelector(`[data-testid="temu-shop-${id}"] [data-testid="temu-task-counts"]`)?.textContent ?? "",
        ),
      shopId,
      { timeout: 20_000 },
    );
    await page.close();
  }, 420_000);
});
