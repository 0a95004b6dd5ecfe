// Issue 7 over real HTTP against the started platform (the same run path as
// `npm run platform`): security headers (item 8), sessions ended by the
// database (2), sign-in limits and timing (3), cross-site requests (4), the
// sign-in redirect in a real browser (5) and the webhook's body cap (6).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import { setUserDisabled } from "../../lib/users/set-user-disabled";
import { upsertUser } from "../../lib/users/upsert-user";
import { launchBrowser } from "../support/browser";
import { httpSignIn } from "../support/http-sign-in";
import { startTestPlatform, type TestPlatform } from "../support/start-test-platform";

describe("the running platform under attack", () => {
  let platform: TestPlatform;
  let db: Db;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({ demoData: false });
    db = createPrismaClient(platform.databaseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
    await platform?.dispose();
  });

  it("sends the security headers on pages, API answers and errors", async () => {
    for (const path of ["/signin", "/api/health", "/api/overview", "/no-such-page", "/api/acquisition/webscraper/webscraper-tracking/"]) {
      const res = await fetch(`${platform.appUrl}${path}`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBeTruthy();
    }
  });

  it("ends a session at once when its user is demoted, has the password reset, or is disabled", async () => {
    await upsertUser({ email: "boss@example.com", password: "boss-passphrase-1", role: "admin" }, db);
    const boss = await httpSignIn(platform.appUrl, "boss@example.com", "boss-passphrase-1", { "x-forwarded-for": "192.0.2.50" });
    expect(boss.ok).toBe(true);
    const asBoss = (path: string, init: RequestInit = {}) =>
      fetch(`${platform.appUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: boss.cookie } });
    expect((await asBoss("/api/users")).status).toBe(200);

    // Demoted: the old cookie can no longer create an admin.
    await db.user.update({ where: { email: "boss@example.com" }, data: { role: "staff" } });
    expect((await asBoss("/api/users")).status).toBe(403);
    const create = await asBoss("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json", origin: platform.appUrl },
      body: JSON.stringify({ email: "new-admin@example.com", password: "new-admin-passphrase", role: "admin" }),
    });
    expect(create.status).toBe(403);
    expect((await asBoss("/api/overview")).status).toBe(200);

    // Password reset: the session ends.
    await upsertUser({ email: "boss@example.com", password: "boss-passphrase-2", role: "staff" }, db);
    expect((await asBoss("/api/overview")).status).toBe(401);
    const page = await fetch(`${platform.appUrl}/tracking`, { headers: { cookie: boss.cookie }, redirect: "manual" });
    expect(page.status).toBeGreaterThanOrEqual(300);

    // Disabled: a fresh session ends too, and signing in again is refused.
    const again = await httpSignIn(platform.appUrl, "boss@example.com", "boss-passphrase-2", { "x-forwarded-for": "192.0.2.51" });
    expect(again.ok).toBe(true);
    await setUserDisabled("boss@example.com", true, db);
    expect((await fetch(`${platform.appUrl}/api/overview`, { headers: { cookie: again.cookie } })).status).toBe(401);
    expect((await httpSignIn(platform.appUrl, "boss@example.com", "boss-passphrase-2", { "x-forwarded-for": "192.0.2.52" })).ok).toBe(
      false,
    );
  }, 120_000);

  it("stops password guessing: after a few failures even the right password is refused for a while", async () => {
    await upsertUser({ email: "target@example.com", password: "target-passphrase", role: "staff" }, db);
    const guess = (password: string, i: number) =>
      httpSignIn(platform.appUrl, "target@example.com", password, { "x-forwarded-for": `198.51.100.${i}` });
    const row = () => db.signInThrottle.findUniqueOrThrow({ where: { key: "account:target@example.com" } });
    const errors: (string | null)[] = [];
    for (let i = 0; i < 5; i++) errors.push((await guess(`guess-number-${i}`, i)).error);
    expect(errors).toEqual(Array(5).fill("CredentialsSignin"));
    expect((await row()).failures).toBe(5);
    // Each further failure doubles the wait (1 s, 2 s, 4 s, 8 s): wait them out to reach a long block.
    for (let i = 5; (await row()).failures < 9; i++) {
      const blockedUntil = (await row()).blockedUntil;
      if (blockedUntil && blockedUntil.getTime() > Date.now()) {
        expect((await guess(`guess-number-${i}`, i)).error).toBe("TooManyAttempts");
        await new Promise((r) => setTimeout(r, blockedUntil.getTime() - Date.now() + 50));
      }
      await guess(`guess-number-${i}`, i);
    }
    const { blockedUntil } = await row();
    expect(blockedUntil!.getTime() - Date.now()).toBeGreaterThan(3000);
    const right = await guess("target-passphrase", 99);
    expect(right.ok).toBe(false);
    expect(right.error).toBe("TooManyAttempts");
  }, 120_000);

  it("takes about as long for an unknown email as for a known one", async () => {
    await upsertUser({ email: "timing@example.com", password: "timing-passphrase", role: "staff" }, db);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push((await httpSignIn(platform.appUrl, "timing@example.com", "not-the-password", { "x-forwarded-for": `203.0.113.${i}` })).ms);
      unknown.push(
        (await httpSignIn(platform.appUrl, `nobody${i}@example.com`, "not-the-password", { "x-forwarded-for": `203.0.113.${50 + i}` })).ms,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    console.log(`[security] sign-in time, known email ${median(known).toFixed(0)} ms, unknown ${median(unknown).toFixed(0)} ms`);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  }, 120_000);

  it("refuses cross-site requests carrying an admin's cookie", async () => {
    const admin = await httpSignIn(platform.appUrl, platform.firstAdmin!.email, platform.firstAdmin!.password, {
      "x-forwarded-for": "192.0.2.60",
    });
    expect(admin.ok).toBe(true);
    const attempt = (headers: Record<string, string>, body: string) =>
      fetch(`${platform.appUrl}/api/users`, { method: "POST", headers: { cookie: admin.cookie, ...headers }, body });
    const payload = JSON.stringify({ email: "csrf-admin@example.com", password: "csrf-admin-passphrase", role: "admin" });
    expect(
      (await attempt({ origin: "http://evil.example", "content-type": "text/plain", "sec-fetch-site": "cross-site" }, payload)).status,
    ).toBe(403);
    const otherPort = new URL(platform.appUrl);
    otherPort.port = String(Number(otherPort.port) + 1);
    expect(
      (await attempt({ origin: otherPort.origin, "content-type": "application/json", "sec-fetch-site": "same-site" }, payload)).status,
    ).toBe(403);
    expect((await attempt({ origin: platform.appUrl, "content-type": "text/plain" }, payload)).status).toBe(415);
    // Neither Origin nor Sec-Fetch-Site: nothing vouches for the request, so it is refused too.
    const bare = await attempt({ "content-type": "application/json" }, payload);
    expect(bare.status).toBe(403);
    expect(await bare.json()).toMatchObject({ code: "origin_required" });
    expect(await db.user.count({ where: { email: "csrf-admin@example.com" } })).toBe(0);
    expect(
      (await attempt({ origin: platform.appUrl, "content-type": "application/json", "sec-fetch-site": "same-origin" }, payload)).status,
    ).toBe(201);
  });

  it("follows only same-origin callback URLs after signing in, and the pages run under the CSP", async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const elsewhere = await freePort();
    for (const callback of [`/%5C127.0.0.1:${elsewhere}/phish`, `//127.0.0.1:${elsewhere}/phish`, `http://127.0.0.1:${elsewhere}/phish`]) {
      await page.context().clearCookies();
      await page.goto(`${platform.appUrl}/signin?callbackUrl=${callback}`);
      await page.getByLabel("Email").fill(platform.firstAdmin!.email);
      await page.getByLabel("Password").fill(platform.firstAdmin!.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
      expect(new URL(page.url()).origin, callback).toBe(platform.appUrl);
    }
    // Still signed in: a dashboard page renders and runs its scripts under the CSP.
    await page.goto(`${platform.appUrl}/tracking`);
    await page.getByRole("heading").first().waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain(platform.firstAdmin!.email);
    expect(cspErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it("answers 413 to an oversized webhook body and 403 to a wrong token without reading it", async () => {
    const token = platform.env.WEBSCRAPER_WEBHOOK_TOKEN!;
    const url = `${platform.appUrl}/api/acquisition/webscraper/webscraper-tracking/`;
    const big = "x".repeat(5 * 1024 * 1024);
    const tooLarge = await fetch(`${url}?token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: big,
    });
    expect(tooLarge.status).toBe(413);
    const wrong = await fetch(`${url}?token=wrong`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: big,
    });
    expect(wrong.status).toBe(403);
    const badId = await fetch(`${url}?token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "scrapingjob_id=1%20OR%201%3D1&custom_id=owryt-abcdef12-0000",
    });
    expect(badId.status).toBe(400);
  });
});
