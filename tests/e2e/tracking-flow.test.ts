// The tracking pipeline end to end on the embedded default: a staff member
// starts the tracking-number-empty worker from the dashboard, jobs are published
// to the WebScraper.io simulator under the engine's throttle, the simulator's
// webhooks come back over HTTP, exports are processed, orders get their tracking
// numbers, a Japan Post order is redirected, and the batch completes.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appleOrderUrl } from "../../lib/local-runtime/simulators/webscraper/demo-data/apple-order";
import { exportRows } from "../../lib/local-runtime/simulators/webscraper/render-export";
import { launchBrowser, signIn } from "../support/browser";
import { withSql } from "../support/sql";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

const EMAIL = "flow.buyer@example.jp";

/** Order numbers the simulator ships by Yamato (multi-row export) or by Japan Post (single row → redirect). */
function pickOrders(): { yamato: string[]; japanPost: string } {
  const yamato: string[] = [];
  let japanPost: string | undefined;
  for (let i = 0; yamato.length < 2 || !japanPost; i++) {
    const orderNumber = `W77${String(100000 + i)}`;
    const rows = exportRows({
      id: 1,
      time_created: 1_790_000_000,
      start_urls: [appleOrderUrl({ orderNumber, email: EMAIL })],
      successful_passes: 1,
    });
    if (rows.length === 1) japanPost ??= orderNumber;
    else if (yamato.length < 2) yamato.push(orderNumber);
  }
  return { yamato, japanPost };
}

describe("tracking pipeline on the embedded platform", () => {
  let platform: TestPlatform;
  let browser: Browser;
  const orders = pickOrders();
  const all = [...orders.yamato, orders.japanPost];

  beforeAll(async () => {
    platform = await startTestPlatform({
      demoData: false,
      extraEnv: { WEBSCRAPER_SIMULATOR_JOB_DURATION_MS: "300", WEBSCRAPER_SIMULATOR_WEBHOOK_RETRY_DELAYS_MS: "200,400" },
    });
    await withSql(platform.databaseUrl, async (sql) => {
      const { rows } = await sql.query(
        `INSERT INTO "OfficialAccount" (email, "accountName", status, "updatedAt") VALUES ($1, 'flow.buyer', 'active', now()) RETURNING id`,
        [EMAIL],
      );
      for (const orderNumber of all) {
        await sql.query(`INSERT INTO "Purchasing" ("orderNumber", "officialAccountId", "updatedAt") VALUES ($1, $2, now())`, [
          orderNumber,
          rows[0].id,
        ]);
      }
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("finds missing tracking numbers from a dashboard button through to a completed batch", async () => {
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    await page.goto(`${platform.appUrl}/tracking`);
    await page.getByRole("button", { name: "Find missing tracking numbers" }).click();
    await page.getByRole("status").filter({ hasText: "Started" }).waitFor();

    const batchRow = page.getByTestId("batches-table").locator("tr[data-batch]").first();
    await batchRow.waitFor({ timeout: 30_000 });
    await batchRow.getByRole("link").click();
    await page.waitForURL(/\/tracking\/batches\//);

    // Three Apple orders, one redirected to Japan Post: the batch completes only when that job does.
    await page.getByText("100% complete").waitFor({ timeout: 120_000 });
    await expect(page.getByTestId("batch-total").textContent()).resolves.toBe("3");
    await expect(page.getByTestId("batch-completed").textContent()).resolves.toBe("3");
    const redirected = page.locator('tr[data-status="redirected"]');
    await expect(redirected.count()).resolves.toBe(1);
    await expect(page.locator('tr[id^="jpt-from-owryt-owryt-"]').getAttribute("data-status")).resolves.toBe("completed");

    const purchasings = await withSql(platform.databaseUrl, (sql) =>
      sql.query(
        `SELECT "orderNumber", "trackingNumber", "trackingNumberIssue", carrier, "carrierStatus", "latestDeliveryStatus", "deliveryStatus" FROM "Purchasing" ORDER BY "orderNumber"`,
      ),
    );
    const logs = await withSql(platform.databaseUrl, (sql) =>
      sql.query(`SELECT "operationType", success, message, details FROM "SyncLog" ORDER BY id`),
    );
    const diagnostics = JSON.stringify(
      logs.rows.filter((l) => !String(l.operationType).startsWith("tracking_job_")),
      null,
      1,
    );
    for (const row of purchasings.rows) {
      expect(row.trackingNumber, row.orderNumber).toMatch(/^\d{12}$/);
      expect(row.trackingNumberIssue).toBeNull();
      expect(row.carrierStatus, `${JSON.stringify(row)}\n${diagnostics}`).toBeTruthy();
      expect(row.deliveryStatus).not.toBe("pending");
      expect(row.latestDeliveryStatus).toBe(String(row.carrierStatus).slice(0, 10));
    }
    const japanPostOrder = purchasings.rows.find((r) => r.orderNumber === orders.japanPost);
    expect(japanPostOrder.carrier).toBe("japan_post");

    // The staff can find the order by its new tracking number.
    await page.goto(`${platform.appUrl}/tracking/orders`);
    await page.getByLabel("Order or tracking number").fill(japanPostOrder.trackingNumber);
    await expect(page.getByTestId("purchasings-table").locator("tbody tr").first().textContent()).resolves.toContain(orders.japanPost);
    await page.close();
  });

  it("shows the flow's background runs and their step timeline on the Runs page; admins can re-run", async () => {
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    await page.goto(`${platform.appUrl}/runs`);
    const processRun = page.getByRole("link", { name: "Process WebScraper tracking export" }).first();
    await processRun.waitFor({ timeout: 20_000 });
    await expect(page.getByRole("link", { name: "Publish tracking job to WebScraper.io" }).count()).resolves.toBeGreaterThanOrEqual(3);
    await processRun.click();
    await page.waitForURL(/\/runs\/.+/);
    const steps = page.getByTestId("run-steps");
    await steps.waitFor();
    await expect(steps.textContent()).resolves.toContain("apply-export");
    const original = page.url();
    await page.getByRole("button", { name: "Re-run" }).click();
    await page.waitForURL((url) => url.href !== original && url.pathname.startsWith("/runs/"), { timeout: 10_000 });
    await page.getByText("Re-run of").waitFor({ timeout: 10_000 });
    await page.close();
  });

  describe("the WebScraper.io webhook over HTTP", () => {
    const url = () => `${platform.appUrl}/api/acquisition/webscraper/webscraper-tracking/`;
    const token = () => platform.env.WEBSCRAPER_WEBHOOK_TOKEN!;
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });

    it("refuses a wrong or missing token with 403", async () => {
      const wrong = await fetch(`${url()}?token=not-the-token`, form({ scrapingjob_id: "1", sitemap_name: "official-website-sitemap" }));
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toMatchObject({ detail: "Webhook token 不匹配" });
      const missing = await fetch(url(), form({ scrapingjob_id: "1", sitemap_name: "official-website-sitemap" }));
      expect(missing.status).toBe(403);
    });

    it("answers 400 to an unknown source and to a notification without a job id", async () => {
      const unknown = await fetch(url(), {
        method: "POST",
        headers: { "content-type": "application/json", "X-Webhook-Token": token() },
        body: JSON.stringify({ scrapingjob_id: "55", source: "no_such_tracker" }),
      });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ detail: "未知任务: no_such_tracker" });
      const noJob = await fetch(`${url()}?t=${token()}`, form({ sitemap_name: "official-website-sitemap" }));
      expect(noJob.status).toBe(400);
      expect(await noJob.json()).toMatchObject({ detail: "Webhook 需要 job_id 与 source" });
    });

    it("accepts the same notification 20 times at once and updates the order once", async () => {
      const job = await withSql(platform.databaseUrl, async (sql) => {
        const { rows } = await sql.query(
          `SELECT "jobId", "customId" FROM "TrackingJob" WHERE status = 'completed' AND "customId" LIKE 'owryt-%' ORDER BY id LIMIT 1`,
        );
        return rows[0] as { jobId: string; customId: string };
      });
      const before = await withSql(platform.databaseUrl, (sql) =>
        sql.query(`SELECT "orderNumber", "lastInfoUpdatedAt" FROM "Purchasing" ORDER BY "orderNumber"`),
      );
      const fields = {
        scrapingjob_id: job.jobId,
        status: "finished",
        sitemap_id: "1421177",
        sitemap_name: "official-website-sitemap",
        custom_id: job.customId,
      };
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url()}?token=${token()}`, form(fields))));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
      const body = await answers[0].json();
      expect(body).toMatchObject({
        mode: "webhook",
        accepted: true,
        job_id: job.jobId,
        source: "official_website_redirect_to_yamato_tracking",
        dedupe: true,
        dry_run: false,
        upsert: false,
      });

      // Let every delivery run through the engine, then check nothing was applied twice.
      await new Promise((r) => setTimeout(r, 8_000));
      const successLogs = await withSql(platform.databaseUrl, (sql) =>
        sql.query(`SELECT count(*)::int AS n FROM "SyncLog" WHERE "operationType" = 'webscraper_tracking' AND success AND "jobId" = $1`, [
          job.jobId,
        ]),
      );
      expect(successLogs.rows[0].n).toBe(1);
      const after = await withSql(platform.databaseUrl, (sql) =>
        sql.query(`SELECT "orderNumber", "lastInfoUpdatedAt" FROM "Purchasing" ORDER BY "orderNumber"`),
      );
      expect(after.rows).toEqual(before.rows);
    });
  });

  // Last: its batch re-scrapes the flow's orders, which the dedupe test above must not see.
  it("imports a CSV of URLs from the dashboard, reporting bad rows one by one", async () => {
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    await page.goto(`${platform.appUrl}/tracking`);
    const csv = [
      "url",
      appleOrderUrl({ orderNumber: orders.yamato[0], email: EMAIL }),
      "not-a-url",
      "",
      appleOrderUrl({ orderNumber: orders.yamato[0], email: EMAIL }),
      appleOrderUrl({ orderNumber: orders.yamato[1], email: EMAIL }),
    ].join("\r\n");
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "OWRYT-20261124-001.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import" }).click();
    const rowErrors = page.getByTestId("import-row-errors");
    await rowErrors.waitFor({ timeout: 15_000 });
    const reported = await rowErrors.textContent();
    expect(reported).toContain("Row 3: not a URL");
    expect(reported).toContain("Row 4: no URL in this row");
    expect(reported).toContain("Row 5: same URL as row 2");
    await expect(page.getByRole("status").filter({ hasText: "Batch created with 2 jobs" }).isVisible()).resolves.toBe(true);
    const batch = await withSql(platform.databaseUrl, (sql) =>
      sql.query(`SELECT "taskName", "filePath", "totalJobs" FROM "TrackingBatch" WHERE "filePath" LIKE '%OWRYT-20261124-001.csv'`),
    );
    expect(batch.rows).toEqual([
      {
        taskName: "official_website_redirect_to_yamato_tracking",
        filePath: "/official_website_redirect_to_yamato_tracking/OWRYT-20261124-001.csv",
        totalJobs: 2,
      },
    ]);
    await page.close();
  });
});
