// The foundation as a newcomer meets it: the platform starts on the embedded
// default, the demo admin signs in and sees real counts, roles are enforced,
// and a restart keeps the data.
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn } from "../support/browser";
import { listApiRoutes } from "../support/api-routes";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

async function countsByStatus(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; count: string }>(
      `SELECT "deliveryStatus"::text AS status, count(*) AS count FROM "Purchasing" GROUP BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
  } finally {
    await client.end();
  }
}

describe("platform foundation", () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("creates a first admin and answers the health check", async () => {
    expect(platform.firstAdmin?.email).toBe("admin@example.com");
    const health = await fetch(`${platform.appUrl}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ ok: true, database: "up" });
  });

  it("answers 401 to every /api route without a session, except its own-auth routes", async () => {
    const publicRoutes = ["/api/health", "/api/inngest", "/api/auth/00000000"];
    const webhookRoutes = (p: string) => p.includes("webscraper-tracking");
    const checked: string[] = [];
    for (const route of listApiRoutes()) {
      if (publicRoutes.includes(route.path) || webhookRoutes(route.path)) continue;
      for (const method of route.methods) {
        const res = await fetch(`${platform.appUrl}${route.path}`, { method, redirect: "manual" });
        expect(res.status, `${method} ${route.path}`).toBe(401);
        expect((await res.json()).detail).toBe("Sign in required");
        checked.push(`${method} ${route.path}`);
      }
    }
    expect(checked).toContain("GET /api/overview");
    expect(checked).toContain("POST /api/users");
  });

  it("refuses background-function calls to /api/inngest that the executor did not sign", async () => {
    const res = await fetch(`${platform.appUrl}/api/inngest?fnId=resale-ops-tracking-number-empty-worker&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        event: { name: "tracking/tracking-number-empty.run", data: {} },
        events: [],
        steps: {},
        ctx: { run_id: "forged", attempt: 0 },
      }),
    });
    expect(res.status).toBe(401);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.appUrl}/tracking`);
    await page.waitForURL(/\/signin/);
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Email or password is incorrect.").waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.close();
  });

  it("shows the demo admin the Overview counts from the database", async () => {
    const expected = await countsByStatus(platform.databaseUrl);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    const page = await browser.newPage();
    await signIn(page, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    await expect(page.getByTestId("total-purchasings").textContent({ timeout: 20_000 })).resolves.toBe(String(total));
    for (const [status, count] of Object.entries(expected)) {
      const cell = page.getByTestId("purchasings-by-status").locator(`[data-status="${status}"]`);
      await expect(cell.textContent()).resolves.toBe(String(count));
    }
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("admin");
    await page.close();
  });

  it("lets an admin create a staff account that gets 403 from admin routes", async () => {
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password);
    // page.request is not a browser fetch: it sends no Origin of its own, and the staff API refuses writes without one.
    const created = await adminPage.request.post(`${platform.appUrl}/api/users`, {
      data: { email: "staff@example.com", password: "staff-password", role: "staff" },
      headers: { origin: platform.appUrl },
    });
    expect(created.status()).toBe(201);
    const invalid = await adminPage.request.post(`${platform.appUrl}/api/users`, {
      data: { email: "nope", password: "x" },
      headers: { origin: platform.appUrl },
    });
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).detail).toMatch(/email/);
    await adminContext.close();

    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, platform.appUrl, "staff@example.com", "staff-password");
    await expect(staffPage.getByTestId("current-user").textContent()).resolves.toContain("staff");
    const adminOnly = await staffPage.request.get(`${platform.appUrl}/api/users`);
    expect(adminOnly.status()).toBe(403);
    const staffAllowed = await staffPage.request.get(`${platform.appUrl}/api/overview`);
    expect(staffAllowed.status()).toBe(200);

    await staffPage.getByRole("button", { name: "Sign out" }).click();
    await staffPage.waitForURL(/\/signin/);
    expect((await staffPage.request.get(`${platform.appUrl}/api/overview`)).status()).toBe(401);
    await staffContext.close();
    // Two browser sign-ins and four scrypt hashes: close to 30 s on a busy machine.
  }, 120_000);

  it("keeps the data and the admin across a restart", async () => {
    const before = await countsByStatus(platform.databaseUrl);
    const { dataDir } = platform;
    const admin = platform.firstAdmin!;
    await platform.stop();
    platform = await startTestPlatform({ dataDir });
    expect(platform.firstAdmin).toBeNull();
    expect(await countsByStatus(platform.databaseUrl)).toEqual(before);
    const page = await browser.newPage();
    await signIn(page, platform.appUrl, admin.email, admin.password);
    await expect(page.getByTestId("total-purchasings").textContent({ timeout: 20_000 })).resolves.toBe(
      String(Object.values(before).reduce((a, b) => a + b, 0)),
    );
    await page.close();
    // A whole platform restart (database, migrations, app) inside one test: minutes on a busy machine.
  }, 240_000);
});
