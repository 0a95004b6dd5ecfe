// Issue 7 item 4: an admin's browser made to post cross-site. Every
// state-changing staff route refuses a request whose Origin (or, without one,
// Sec-Fetch-Site) is not the configured app's, before its handler runs; JSON
// routes take only application/json, so a text/plain form cannot reach them.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { listApiRoutes } from "../support/api-routes";
import { resetDatabase } from "../setup/reset-database";

vi.mock("../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => ({ user: { id: "1", email: "admin@example.com", role: "admin" }, expires: "2099-01-01" }),
}));

const APP = "http://app.example.test:3000";
const ctx = { params: Promise.resolve({ id: "00000000" }) };
const usersRoute = await import("../../app/api/users/route");
const { prisma } = await import("../../lib/db/client");

/** The folder of a listed route: its placeholder segments back to their [param] folders. */
function routeDir(urlPath: string): string {
  let dir = path.join(process.cwd(), "app");
  for (const segment of urlPath.slice(1).split("/")) {
    dir = path.join(dir, segment === "00000000" ? (readdirSync(dir).find((d) => d.startsWith("[")) ?? segment) : segment);
  }
  return dir;
}

const newAdmin = JSON.stringify({ email: "attacker@example.com", password: "a-very-long-attacker-pass", role: "admin" });

function postUsers(headers: Record<string, string>, body = newAdmin) {
  return usersRoute.POST(new NextRequest(`${APP}/api/users`, { method: "POST", body, headers }), ctx);
}

describe("cross-site requests to the staff API", () => {
  beforeEach(async () => {
    await resetDatabase();
    vi.stubEnv("NEXTAUTH_URL", APP);
  });
  afterEach(() => vi.unstubAllEnvs());

  it("refuses the cross-site text/plain form that created an admin", async () => {
    const res = await postUsers({
      origin: "http://evil.example",
      "content-type": "text/plain;charset=UTF-8",
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(403);
    expect(await prisma.user.count()).toBe(0);
  });

  it("refuses same-site origins that are not the app (another port, a sibling host, a spoofed Host)", async () => {
    for (const origin of ["http://app.example.test:4502", "http://other.example.test:3000", "https://app.example.test:3000", "null"]) {
      const res = await postUsers({ origin, "content-type": "application/json", host: "evil.example" });
      expect(res.status, origin).toBe(403);
    }
    const bySecFetchSite = await postUsers({ "sec-fetch-site": "same-site", "content-type": "application/json" });
    expect(bySecFetchSite.status).toBe(403);
    expect(await prisma.user.count()).toBe(0);
  });

  it("refuses a write with neither Origin nor Sec-Fetch-Site (403 origin_required), before its handler runs", async () => {
    const res = await postUsers({ "content-type": "application/json" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "origin_required" });
    expect(await prisma.user.count()).toBe(0);
    // Sec-Fetch-Site alone, same-origin (a browser that strips Origin), is enough; so is the app's Origin alone.
    expect((await postUsers({ "content-type": "application/json", "sec-fetch-site": "same-origin" })).status).toBe(201);
    const again = JSON.stringify({ email: "second@example.com", password: "a-second-long-pass-phrase", role: "staff" });
    expect((await postUsers({ "content-type": "application/json", origin: APP }, again)).status).toBe(201);
    // Reads need neither.
    const list = await usersRoute.GET(new NextRequest(`${APP}/api/users`), ctx);
    expect(list.status).toBe(200);
  });

  it("never takes the app origin from Host or X-Forwarded-* headers", async () => {
    const res = await postUsers({
      origin: "http://evil.example",
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      "content-type": "application/json",
    });
    expect(res.status).toBe(403);
  });

  it("refuses a same-origin body that is not JSON (415), accepts JSON from the app's origin", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await postUsers({ origin: APP, "content-type": type });
      expect(res.status, type).toBe(415);
    }
    expect(await prisma.user.count()).toBe(0);
    const ok = await postUsers({ origin: APP, "content-type": "application/json", "sec-fetch-site": "same-origin" });
    expect(ok.status).toBe(201);
  });

  it("guards every POST/PUT/PATCH/DELETE staff route the same way, with or without headers", async () => {
    const selfAuthenticated = (p: string) => p === "/api/inngest" || p.startsWith("/api/auth/") || p.includes("webscraper-tracking");
    const checked: string[] = [];
    for (const route of listApiRoutes()) {
      if (selfAuthenticated(route.path)) continue;
      const file = path.join(routeDir(route.path), "route.ts");
      const mod = (await import(file)) as Record<string, (req: NextRequest, c: typeof ctx) => Promise<Response>>;
      for (const method of route.methods.filter((m) => m !== "GET")) {
        const res = await mod[method](
          new NextRequest(`${APP}${route.path}`, {
            method,
            body: "{}",
            headers: { origin: "http://evil.example", "content-type": "text/plain" },
          }),
          ctx,
        );
        expect(res.status, `${method} ${route.path}`).toBe(403);
        const bare = await mod[method](
          new NextRequest(`${APP}${route.path}`, { method, body: "{}", headers: { "content-type": "application/json" } }),
          ctx,
        );
        expect(bare.status, `${method} ${route.path} without Origin`).toBe(403);
        expect(((await bare.json()) as { code?: string }).code, `${method} ${route.path} without Origin`).toBe("origin_required");
        checked.push(`${method} ${route.path}`);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining(["POST /api/users", "POST /api/tracking/batches/import", "POST /api/runs/00000000/cancel"]),
    );
  });

  it("refuses the password policy's weak passwords through POST /api/users", async () => {
    for (const password of ["short", "password1234", "            ", "aaaaaaaaaaaaaaaa"]) {
      const res = await postUsers(
        { origin: APP, "content-type": "application/json" },
        JSON.stringify({ email: "new@example.com", password, role: "staff" }),
      );
      expect(res.status, password).toBe(400);
    }
    expect(await prisma.user.count()).toBe(0);
  });
});
