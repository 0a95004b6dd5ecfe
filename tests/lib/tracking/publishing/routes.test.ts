import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../../setup/reset-database";
import { account, purchasing } from "./fixtures";

vi.mock("../../../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => ({ user: { id: "1", email: "staff@example.com", role: "staff" }, expires: "2099-01-01" }),
}));

const { inngest } = await import("../../../../inngest/client");
const importRoute = await import("../../../../app/api/tracking/batches/import/route");
const tneRoute = await import("../../../../app/api/tracking/workers/tracking-number-empty/route");
const jpRoute = await import("../../../../app/api/tracking/workers/japan-post/route");
const { prisma } = await import("../../../../lib/db/client");

const ctx = { params: Promise.resolve({}) };

function jsonRequest(url: string, body?: unknown) {
  return new NextRequest(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
  });
}

describe("publishing routes", () => {
  let sent: { name: string; data: unknown; id?: string }[];
  beforeEach(async () => {
    await resetDatabase();
    sent = [];
    vi.spyOn(inngest, "send").mockImplementation((async (payload: unknown) => {
      const events = (Array.isArray(payload) ? payload : [payload]) as typeof sent;
      sent.push(...events);
      return { ids: events.map((e, i) => e.id ?? `evt-${i}`) };
    }) as never);
  });
  afterEach(() => vi.restoreAllMocks());

  it("POST /api/tracking/batches/import creates a batch from a csv and reports bad rows", async () => {
    const form = new FormData();
    form.set(
      "file",
      new File(["url\nhttps://example.com/1\nnope\nhttps://example.com/2\n"], "OWRYT-20260108-001.csv", { type: "text/csv" }),
    );
    const res = await importRoute.POST(
      new NextRequest("http://localhost/api/tracking/batches/import", {
        method: "POST",
        body: form,
        headers: { "sec-fetch-site": "same-origin" },
      }),
      ctx,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      tracker: "official_website_redirect_to_yamato_tracking",
      total_jobs: 2,
      file_path: "/official_website_redirect_to_yamato_tracking/OWRYT-20260108-001.csv",
      row_errors: [{ row: 3, value: "nope", reason: "invalid_url" }],
    });
    expect(sent.map((e) => e.name)).toEqual(["tracking/job.publish", "tracking/job.publish"]);
    expect(sent[0].id).toMatch(/^publish-owryt-[0-9a-f]{8}-0000$/);
  });

  it("POST /api/tracking/batches/import answers 400 with the known trackers for an unknown one", async () => {
    const form = new FormData();
    form.set("file", new File(["https://example.com/1"], "list.csv"));
    form.set("tracker", "unknown_tracker");
    const res = await importRoute.POST(
      new NextRequest("http://localhost/api/tracking/batches/import", {
        method: "POST",
        body: form,
        headers: { "sec-fetch-site": "same-origin" },
      }),
      ctx,
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.known_trackers.map((t: { name: string }) => t.name)).toHaveLength(6);
    expect(await prisma.trackingBatch.count()).toBe(0);
  });

  it("POST /api/tracking/workers/tracking-number-empty dry run lists orders without publishing", async () => {
    const a = await account("u@example.com");
    await purchasing({ orderNumber: "W9", officialAccountId: a.id });
    const res = await tneRoute.POST(jsonRequest("http://localhost/api/tracking/workers/tracking-number-empty", { dry_run: true }), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      dry_run: true,
      matched: 1,
      orders: [
        {
          order_number: "W9",
          email: "u@example.com",
          tracking_number: null,
          url: "https://store.apple.com/go/jp/vieworder/W9/u@example.com",
        },
      ],
    });
    expect(sent).toHaveLength(0);
    expect(await prisma.trackingBatch.count()).toBe(0);
  });

  it("POST /api/tracking/workers/* queues count runs and answers 202", async () => {
    const res = await jpRoute.POST(jsonRequest("http://localhost/api/tracking/workers/japan-post", { count: 3 }), ctx);
    expect(res.status).toBe(202);
    expect((await res.json()).event_ids).toHaveLength(3);
    expect(sent.map((e) => e.name)).toEqual(Array(3).fill("tracking/japan-post.run"));
    const empty = await tneRoute.POST(jsonRequest("http://localhost/api/tracking/workers/tracking-number-empty"), ctx);
    expect(empty.status).toBe(202);
    expect(sent.at(-1)).toMatchObject({ name: "tracking/tracking-number-empty.run", data: { requestedBy: "dashboard:staff@example.com" } });
    const tooMany = await jpRoute.POST(jsonRequest("http://localhost/api/tracking/workers/japan-post", { count: 11 }), ctx);
    expect(tooMany.status).toBe(400);
  });
});
