import { describe, expect, it } from "vitest";
import type { TrackingJobStatus } from "@/lib/db/client";
import { computeBatchCompletion } from "@/lib/tracking/batches/compute-batch-completion";
import { nextJobStatus } from "@/lib/tracking/batches/job-status";

const job = (customId: string, status: TrackingJobStatus, errorMessage: string | null = null) => ({ customId, status, errorMessage });

describe("computeBatchCompletion", () => {
  it("is pending before any job finished, processing after one, completed when all completed", () => {
    expect(computeBatchCompletion(2, [job("a", "pending"), job("b", "pending")])).toMatchObject({
      status: "pending",
      completedJobs: 0,
      pendingJobs: 2,
    });
    expect(computeBatchCompletion(2, [job("a", "completed"), job("b", "pending")])).toMatchObject({
      status: "processing",
      completedJobs: 1,
      completionPercentage: 50,
    });
    expect(computeBatchCompletion(2, [job("a", "completed"), job("b", "completed")])).toMatchObject({
      status: "completed",
      isFinished: true,
      completionPercentage: 100,
    });
  });

  it("is partial when all finished with failures", () => {
    expect(computeBatchCompletion(2, [job("a", "completed"), job("b", "failed")])).toMatchObject({
      status: "partial",
      completedJobs: 1,
      failedJobs: 1,
    });
  });

  it("counts a redirected job only once its jpt-from-owryt job completed, and not the jpt job itself", () => {
    const jobs = [job("owryt-x-0", "redirected"), job("jpt-from-owryt-owryt-x-0", "pending"), job("owryt-x-1", "completed")];
    expect(computeBatchCompletion(2, jobs)).toMatchObject({ status: "processing", completedJobs: 1, redirectedJobs: 1, pendingJobs: 1 });
    jobs[1] = job("jpt-from-owryt-owryt-x-0", "completed");
    expect(computeBatchCompletion(2, jobs)).toMatchObject({ status: "completed", completedJobs: 2, totalJobs: 2 });
    jobs[1] = job("jpt-from-owryt-owryt-x-0", "failed");
    expect(computeBatchCompletion(2, jobs)).toMatchObject({ status: "partial", completedJobs: 1, failedJobs: 1 });
  });

  it("counts a redirected job whose follow-up could not be published as failed", () => {
    expect(computeBatchCompletion(1, [job("owryt-x-0", "redirected", "redirect failed: 429")])).toMatchObject({
      status: "partial",
      failedJobs: 1,
    });
    expect(computeBatchCompletion(1, [job("owryt-x-0", "redirected")])).toMatchObject({ status: "pending", failedJobs: 0 });
  });

  it("counts a redirected job as failed when the publisher failed its queued jpt job (the error is on the jpt row)", () => {
    const jobs = [
      job("owryt-x-0", "redirected"),
      job("jpt-from-owryt-owryt-x-0", "failed", "WebScraper API 400: bad start url"),
      job("owryt-x-1", "pending"),
    ];
    expect(computeBatchCompletion(2, jobs)).toMatchObject({ status: "processing", failedJobs: 1, pendingJobs: 1, redirectedJobs: 1 });
    jobs[2] = job("owryt-x-1", "completed");
    expect(computeBatchCompletion(2, jobs)).toMatchObject({ status: "partial", completedJobs: 1, failedJobs: 1, isFinished: true });
  });

  it("reproduces the seed's example: 100 jobs, 30 redirected of which 20 completed, 70 direct → 90%", () => {
    const jobs = [];
    for (let i = 0; i < 70; i++) jobs.push(job(`owryt-b-${i}`, "completed"));
    for (let i = 70; i < 100; i++) {
      jobs.push(job(`owryt-b-${i}`, "redirected"));
      jobs.push(job(`jpt-from-owryt-owryt-b-${i}`, i < 90 ? "completed" : "pending"));
    }
    expect(computeBatchCompletion(100, jobs)).toMatchObject({
      completedJobs: 90,
      completionPercentage: 90,
      status: "processing",
      redirectedJobs: 30,
    });
  });
});

describe("nextJobStatus", () => {
  it("moves pending to completed, failed or redirected", () => {
    expect(nextJobStatus("pending", "processed")).toBe("completed");
    expect(nextJobStatus("pending", "failed")).toBe("failed");
    expect(nextJobStatus("pending", "redirected")).toBe("redirected");
  });
  it("keeps redirected, lets a failed job complete on a re-run, never undoes a completion by a failure", () => {
    expect(nextJobStatus("redirected", "processed")).toBe("redirected");
    expect(nextJobStatus("redirected", "failed")).toBe("redirected");
    expect(nextJobStatus("failed", "processed")).toBe("completed");
    expect(nextJobStatus("completed", "failed")).toBe("completed");
  });
});
