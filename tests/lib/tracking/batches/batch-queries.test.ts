import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { getBatchByFilePath, getBatchByUuid } from "@/lib/tracking/batches/get-batch";
import { getBatchSummary } from "@/lib/tracking/batches/get-batch-summary";
import { getPendingBatches, listBatches } from "@/lib/tracking/batches/list-batches";
import { refreshBatchProgress } from "@/lib/tracking/batches/refresh-batch-progress";
import { resetDatabase } from "../../../setup/reset-database";

const session = vi.hoisted(() => ({ current: { user: { email: "s@example.com", role: "staff" } } as unknown }));
vi.mock("@/lib/auth/get-staff-session", () => ({ getStaffSession: async () => session.current }));

const { GET: listRoute } = await import("@/app/api/tracking/batches/route");
const { GET: pendingRoute } = await import("@/app/api/tracking/batches/pending/route");
const { GET: detailRoute } = await import("@/app/api/tracking/batches/[id]/route");

const DAY = 86_400_000;

async function seed() {
  const now = Date.now();
  const a = await prisma.trackingBatch.create({
    data: {
      batchUuid: "aaaaaaaa-1111-4111-8111-111111111111",
      filePath: "/official_website_redirect_to_yamato_tracking/OWRYT-1.xlsx",
      taskName: "official_website_redirect_to_yamato_tracking",
      totalJobs: 3,
      createdAt: new Date(now - 60_000),
    },
  });
  await prisma.trackingJob.createMany({
    data: [
      { batchId: a.id, customId: "owryt-aaaaaaaa-0000", targetUrl: "u0", index: 0, status: "completed", jobId: "1" },
      {
        batchId: a.id,
        customId: "owryt-aaaaaaaa-0001",
        targetUrl: "u1",
        index: 1,
        status: "failed",
        errorMessage: "parse_error: bad",
        jobId: "2",
      },
      { batchId: a.id, customId: "owryt-aaaaaaaa-0002", targetUrl: "u2", index: 2, status: "redirected", jobId: "3" },
      { batchId: a.id, customId: "jpt-from-owryt-owryt-aaaaaaaa-0002", targetUrl: "jp", index: 2, status: "pending", jobId: "4" },
    ],
  });
  const b = await prisma.trackingBatch.create({
    data: {
      batchUuid: "bbbbbbbb-2222-4222-8222-222222222222",
      filePath: "/yamato_tracking_only/YTO-1.xlsx",
      taskName: "yamato_tracking_only",
      totalJobs: 1,
      status: "completed",
      createdAt: new Date(now - 10 * DAY),
      completedAt: new Date(now - 10 * DAY + 5000),
    },
  });
  return { a, b };
}

describe("batch helpers", () => {
  beforeEach(resetDatabase);

  it("finds a batch by full uuid, 8-character short id, or file path", async () => {
    const { a } = await seed();
    expect((await getBatchByUuid(a.batchUuid))?.id).toBe(a.id);
    expect((await getBatchByUuid("AAAAAAAA"))?.id).toBe(a.id);
    expect((await getBatchByUuid("aaaaaaaa"))?.jobs).toHaveLength(4);
    expect(await getBatchByUuid("cccccccc")).toBeNull();
    expect(await getBatchByUuid("nonsense")).toBeNull();
    expect((await getBatchByFilePath("/yamato_tracking_only/YTO-1.xlsx"))?.taskName).toBe("yamato_tracking_only");
  });

  it("lists by tracker and age; pending batches are those not finished", async () => {
    await seed();
    expect((await listBatches({ days: 7 })).map((b) => b.taskName)).toEqual(["official_website_redirect_to_yamato_tracking"]);
    expect(await listBatches({ taskName: "yamato_tracking_only" })).toHaveLength(1);
    expect(await listBatches({ status: "completed" })).toHaveLength(1);
    expect((await getPendingBatches()).map((b) => b.taskName)).toEqual(["official_website_redirect_to_yamato_tracking"]);
  });

  it("summarizes counts with the redirect rule, failed job errors and duration", async () => {
    const { a, b } = await seed();
    await refreshBatchProgress(a.id);
    const batch = (await getBatchByUuid(a.batchUuid))!;
    expect(batch).toMatchObject({ status: "processing", completedJobs: 1, failedJobs: 1 });
    const summary = getBatchSummary(batch);
    expect(summary).toMatchObject({
      total_jobs: 3,
      completed_jobs: 1,
      failed_jobs: 1,
      pending_jobs: 1,
      redirected_jobs: 1,
      completion_percentage: 33.33,
      failed_job_errors: [{ custom_id: "owryt-aaaaaaaa-0001", error_message: "parse_error: bad" }],
    });
    expect(summary.duration_seconds).toBeGreaterThanOrEqual(59);
    expect(getBatchSummary((await getBatchByUuid(b.batchUuid))!).duration_seconds).toBe(5);
  });
});

describe("staff batch routes", () => {
  beforeEach(async () => {
    await resetDatabase();
    session.current = { user: { email: "s@example.com", role: "staff" } };
  });
  const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
  const get = (url: string) => new NextRequest(`http://localhost${url}`);

  it("GET /api/tracking/batches filters by task_name and days, validates the query", async () => {
    await seed();
    const res = await listRoute(get("/api/tracking/batches?task_name=yamato_tracking_only&days=30"), ctx());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.batches).toHaveLength(1);
    expect(body.batches[0]).toMatchObject({ task_name: "yamato_tracking_only", short_id: "bbbbbbbb", status: "completed" });
    expect((await listRoute(get("/api/tracking/batches?days=-1"), ctx())).status).toBe(400);
    expect((await listRoute(get("/api/tracking/batches?status=weird"), ctx())).status).toBe(400);
  });

  it("GET /api/tracking/batches/pending lists unfinished batches", async () => {
    await seed();
    const body = await (await pendingRoute(get("/api/tracking/batches/pending"), ctx())).json();
    expect(body.batches.map((b: { short_id: string }) => b.short_id)).toEqual(["aaaaaaaa"]);
  });

  it("GET /api/tracking/batches/[id] returns batch, summary and jobs with redirect links; 404 when unknown", async () => {
    await seed();
    const res = await detailRoute(get("/api/tracking/batches/aaaaaaaa"), ctx({ id: "aaaaaaaa" }));
    const body = await res.json();
    expect(body.summary).toMatchObject({ batch_uuid: "aaaaaaaa-1111-4111-8111-111111111111", redirected_jobs: 1 });
    const redirected = body.jobs.find((j: { custom_id: string }) => j.custom_id === "owryt-aaaaaaaa-0002");
    expect(redirected.redirected_to).toBe("jpt-from-owryt-owryt-aaaaaaaa-0002");
    const followUp = body.jobs.find((j: { custom_id: string }) => j.custom_id === "jpt-from-owryt-owryt-aaaaaaaa-0002");
    expect(followUp.redirected_from).toBe("owryt-aaaaaaaa-0002");
    const byPath = await detailRoute(get("/api/tracking/batches/x?file_path=%2Fyamato_tracking_only%2FYTO-1.xlsx"), ctx({ id: "x" }));
    expect((await byPath.json()).batch.task_name).toBe("yamato_tracking_only");
    expect((await detailRoute(get("/api/tracking/batches/cccccccc"), ctx({ id: "cccccccc" }))).status).toBe(404);
  });

  it("requires a signed-in staff member", async () => {
    session.current = null;
    expect((await listRoute(get("/api/tracking/batches"), ctx())).status).toBe(401);
  });
});
