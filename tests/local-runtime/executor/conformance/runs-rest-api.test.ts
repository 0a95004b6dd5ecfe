// Conformance: the Runs page's one client of Inngest's REST API, run over real
// HTTP against the subset the local executor serves.
// Follows inngest/inngest pkg/api/apiv1/runs.go (GET/DELETE /v1/runs/{id}),
// pkg/api/apiv1/cancellation.go (POST /v1/cancellations), pkg/api/apiv1/events.go,
// proto/api/v2/service.proto (GET /v2/runs, /v2/runs/{id}, /rerun, /trace),
// pkg/api/v2/enum_json.go (enum names without prefix), cmd/apiv2cli (v2 at /v2
// on Cloud, /api/v2 self-hosted) and pkg/authn/signing_key_strategy.go (Bearer key, plain or hashed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedSigningKey } from "../../../../lib/local-runtime/executor/request-signing";
import { createRunsApiClient, RunsApiError, type RunsApiClient } from "../../../../lib/runs/runs-api-client";
import { finishedRuns, resetExecutorTables, runsOf, waitFor, startHarness, type Harness } from "../harness";

const SIGNING_KEY = "5e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";

describe("runs REST API client against the executor", () => {
  let h: Harness;
  let api: RunsApiClient;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness(
      "rest",
      (inngest) => [
        inngest.createFunction({ id: "echo", name: "Echo text", triggers: [{ event: "test/echo" }] }, async ({ event, step }) => {
          return step.run("upper", (text: string) => text.toUpperCase(), String(event.data.text));
        }),
        inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleeper" }] }, async ({ step }) => {
          await step.sleep("long", "60s");
        }),
      ],
      { signingKey: SIGNING_KEY },
    );
    api = createRunsApiClient({ engine: "local", baseUrl: h.executor.url, signingKey: SIGNING_KEY });
  });
  afterAll(async () => h?.stop());

  it("lists runs newest first with Inngest's public function id, app, status, trigger; pages with a cursor", async () => {
    await h.inngest.send({ name: "test/echo", data: { text: "hello" } });
    await h.inngest.send({ name: "test/echo", data: { text: "again" } });
    await finishedRuns(h.db, "rest-echo", 2);
    const { runs, nextCursor } = await api.listRuns({ limit: 1, functionId: "echo" });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      functionId: "echo",
      appId: "rest",
      functionName: "Echo text",
      status: "completed",
      trigger: "test/echo",
      attempts: 1,
    });
    expect(runs[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(nextCursor).toBe(runs[0].id);
    const next = await api.listRuns({ limit: 1, functionId: "echo", cursor: nextCursor! });
    expect(next.runs[0].id < runs[0].id).toBe(true);
    expect(next.nextCursor).toBeNull();
    expect((await api.listRuns({ status: "completed" })).runs.every((r) => r.status === "completed")).toBe(true);
    expect((await api.listRuns({ status: "failed" })).runs).toEqual([]);
  });

  it("shows one run: output, event, and the step timeline from the trace", async () => {
    const [first] = await runsOf(h.db, "rest-echo");
    const detail = await api.getRun(first.id);
    expect(detail).toMatchObject({ id: first.id, status: "completed", output: "HELLO", error: null, rerunOf: null });
    expect(detail!.event).toMatchObject({ name: "test/echo", data: { text: "hello" } });
    expect(detail!.steps).toEqual([
      expect.objectContaining({
        name: "upper",
        stepId: expect.any(String),
        op: "StepRun",
        status: "completed",
        attempt: 0,
        input: ["hello"],
        output: "HELLO",
      }),
    ]);
    expect(await api.getRun("01KNOSUCHRUN0000000000000000")).toBeNull();
  });

  it("cancels an active run (DELETE /v1/runs/{id}); an ended run is not cancelled again; an unknown one is null", async () => {
    await h.inngest.send({ name: "test/sleeper", data: {} });
    const run = await waitFor(async () => (await runsOf(h.db, "rest-sleeper")).find((r) => r.status === "running"));
    expect(await api.cancelRun(run.id)).toEqual({ cancelled: true });
    expect((await api.getRun(run.id))?.status).toBe("cancelled");
    expect(await api.cancelRun(run.id)).toEqual({ cancelled: false });
    expect(await api.cancelRun("01KNOSUCHRUN0000000000000000")).toBeNull();
  });

  it("re-runs (POST /v2/runs/{id}/rerun): a new run of the same event that names its original", async () => {
    const [first] = await runsOf(h.db, "rest-echo");
    const rerun = await api.rerunRun(first.id);
    expect(rerun?.runId).toBeTruthy();
    await finishedRuns(h.db, "rest-echo", 3);
    const again = await api.getRun(rerun!.runId);
    expect(again).toMatchObject({ output: "HELLO", rerunOf: first.id });
  });

  it("bulk-cancels with POST /v1/cancellations, honouring `if`", async () => {
    await h.inngest.send([
      { name: "test/sleeper", data: { k: "a" } },
      { name: "test/sleeper", data: { k: "b" } },
    ]);
    await waitFor(async () => (await runsOf(h.db, "rest-sleeper")).filter((r) => r.status === "running").length === 2);
    const cancellation = await api.cancelRuns({
      appId: "rest",
      functionId: "sleeper",
      startedBefore: new Date(),
      if: "event.data.k == 'a'",
    });
    expect(cancellation).toMatchObject({ app_id: "rest", function_id: "sleeper", kind: "bulk_run" });
    const runs = await runsOf(h.db, "rest-sleeper");
    expect(runs.find((r) => r.event.data.k === "a")?.status).toBe("cancelled");
    expect(runs.find((r) => r.event.data.k === "b")?.status).toBe("running");
  });

  it("requires the signing key (plain or hashed) as a Bearer token", async () => {
    const anonymous = createRunsApiClient({ engine: "local", baseUrl: h.executor.url });
    await expect(anonymous.listRuns()).rejects.toMatchObject({ name: "RunsApiError", status: 401 });
    const wrong = createRunsApiClient({ engine: "local", baseUrl: h.executor.url, signingKey: "00ff" });
    await expect(wrong.listRuns()).rejects.toBeInstanceOf(RunsApiError);
    const hashed = createRunsApiClient({ engine: "local", baseUrl: h.executor.url, signingKey: hashedSigningKey(SIGNING_KEY) });
    expect((await hashed.listRuns()).runs.length).toBeGreaterThan(0);
  });
});

describe("runs REST API client paths", () => {
  it("uses /v2 on Inngest Cloud's API host and /api/v2 on a self-hosted server, /v1 on both", async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ data: [], page: { hasMore: false, limit: 50 } }), { status: 200 });
    }) as unknown as typeof fetch;
    await createRunsApiClient({ engine: "inngest", baseUrl: "https://api.inngest.com", signingKey: "ab", fetch: fakeFetch }).listRuns();
    await createRunsApiClient({ engine: "inngest", baseUrl: "http://inngest:8288", signingKey: "ab", fetch: fakeFetch }).listRuns();
    expect(new URL(urls[0]).pathname).toBe("/v2/runs");
    expect(new URL(urls[1]).pathname).toBe("/api/v2/runs");
  });
});
