// API errors carry a stable code and a message in the caller's language; the
// WebScraper.io webhook keeps the seed's words whatever the caller asks for.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";

const sessionState: { user: { id: string; email: string; role: "admin" | "staff" } | null } = { user: null };
vi.mock("../../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => (sessionState.user ? { user: sessionState.user, expires: "2099-01-01" } : null),
}));

const { prisma } = await import("../../../lib/db/client");
const { ApiError, errorResponse } = await import("../../../lib/api/errors");
const batchRoute = await import("../../../app/api/tracking/batches/[id]/route");
const usersRoute = await import("../../../app/api/users/route");
const preferencesRoute = await import("../../../app/api/me/preferences/route");
const webhookRoute = await import("../../../app/api/acquisition/webscraper/webscraper-tracking/route");

function get(url: string, headers: Record<string, string> = {}) {
  return new NextRequest(url, { headers });
}
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

async function signInAs(locale: string | null, role: "admin" | "staff" = "staff") {
  const user = await prisma.user.create({ data: { email: `u${Date.now()}@example.com`, passwordHash: "x", role, locale } });
  sessionState.user = { id: String(user.id), email: user.email, role };
  return user;
}

describe("localized API errors", () => {
  beforeEach(async () => {
    await resetDatabase();
    sessionState.user = null;
  });

  it("errorResponse words a known code in the language asked, keeps the code, and keeps the thrown text without a language", async () => {
    const error = new ApiError(404, "Run not found", "run_not_found");
    expect(await errorResponse(error, "zh-CN").json()).toEqual({ detail: "找不到该运行记录", code: "run_not_found" });
    expect(await errorResponse(error, "en").json()).toEqual({ detail: "Run not found", code: "run_not_found" });
    expect(await errorResponse(error).json()).toEqual({ detail: "Run not found", code: "run_not_found" });
    // A generic code thrown with a specific English message keeps that message.
    expect(await errorResponse(new ApiError(400, "Shop 12 is paused", "bad_request"), "zh-CN").json()).toMatchObject({
      detail: "Shop 12 is paused",
    });
  });

  it("401 without a session in the Accept-Language's language", async () => {
    const res = await batchRoute.GET(
      get("http://localhost/api/tracking/batches/x", { "accept-language": "zh-CN,zh;q=0.9" }),
      params({ id: "x" }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "请先登录", code: "unauthorized" });
    const en = await batchRoute.GET(get("http://localhost/api/tracking/batches/x", { "accept-language": "en-US" }), params({ id: "x" }));
    expect(await en.json()).toEqual({ detail: "Sign in required", code: "unauthorized" });
  });

  it("a user without a setting gets Accept-Language; the user's setting wins over it", async () => {
    await signInAs(null);
    const zh = await batchRoute.GET(
      get("http://localhost/api/tracking/batches/abc", { "accept-language": "zh-CN" }),
      params({ id: "abc" }),
    );
    expect(zh.status).toBe(404);
    expect(await zh.json()).toEqual({ detail: "找不到批次 abc", code: "batch_not_found" });

    await signInAs("en");
    const en = await batchRoute.GET(
      get("http://localhost/api/tracking/batches/abc", { "accept-language": "zh-CN" }),
      params({ id: "abc" }),
    );
    expect(await en.json()).toEqual({ detail: "No batch abc", code: "batch_not_found" });
  });

  it("403 for a staff member on an admin route, in Chinese for a Chinese user", async () => {
    await signInAs("zh-CN");
    const res = await usersRoute.GET(get("http://localhost/api/users", { "accept-language": "en" }), params({}));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "此操作需要管理员账号", code: "admin_required" });
  });

  it("validation errors carry invalid_input and a localized lead-in", async () => {
    await signInAs("zh-CN");
    const res = await preferencesRoute.PATCH(
      new NextRequest("http://localhost/api/me/preferences", {
        method: "PATCH",
        body: JSON.stringify({ time_zone: "Mars/Olympus" }),
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      params({}),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("invalid_input");
    expect(body.detail).toMatch(/^输入无效：time_zone: /);
  });

  it("the webhook answers in the seed's words whatever the caller's language", async () => {
    vi.stubEnv("WEBSCRAPER_WEBHOOK_TOKEN", "hook-secret");
    const res = await webhookRoute.POST(
      new NextRequest("http://localhost/api/acquisition/webscraper/webscraper-tracking/?token=wrong", {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json", "accept-language": "en-US" },
      }),
      params({}),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "Webhook token 不匹配", code: "webhook_token_mismatch" });
    vi.unstubAllEnvs();
  });
});

describe("PATCH /api/me/preferences", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("a new user has no language and the Shanghai zone; both change and persist, and the language cookie is set", async () => {
    const user = await signInAs(null);
    const before = await (await preferencesRoute.GET(get("http://localhost/api/me/preferences"), params({}))).json();
    expect(before).toEqual({ locale: null, time_zone: "Asia/Shanghai" });

    const res = await preferencesRoute.PATCH(
      new NextRequest("http://localhost/api/me/preferences", {
        method: "PATCH",
        body: JSON.stringify({ locale: "zh-CN", time_zone: "Asia/Tokyo" }),
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      params({}),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: "zh-CN", time_zone: "Asia/Tokyo" });
    expect(res.headers.get("set-cookie")).toMatch(/NEXT_LOCALE=zh-CN/);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { locale: true, timeZone: true } })).toEqual({
      locale: "zh-CN",
      timeZone: "Asia/Tokyo",
    });

    // Back to "let the browser decide".
    const reset = await preferencesRoute.PATCH(
      new NextRequest("http://localhost/api/me/preferences", {
        method: "PATCH",
        body: JSON.stringify({ locale: null }),
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      params({}),
    );
    expect(await reset.json()).toEqual({ locale: null, time_zone: "Asia/Tokyo" });
  });

  it("refuses an unknown language", async () => {
    await signInAs(null);
    const res = await preferencesRoute.PATCH(
      new NextRequest("http://localhost/api/me/preferences", {
        method: "PATCH",
        body: JSON.stringify({ locale: "fr" }),
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      }),
      params({}),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("invalid_input");
  });
});
