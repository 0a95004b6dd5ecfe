import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHaierClient, type CallMetric } from "../../../lib/haier/client";
import type { HaierConfig } from "../../../lib/haier/config";
import { HaierApiError } from "../../../lib/haier/errors";
import { startHaierSimulator, type HaierSimulator } from "../../../lib/local-runtime/simulators/haier";

let sim: HaierSimulator;
const SECRET = "client-secret-never-logged";

function config(overrides: Partial<HaierConfig> = {}): HaierConfig {
  return {
    clientId: "cid",
    clientSecret: SECRET,
    tokenUrl: sim.url,
    baseUrl: sim.url,
    customerCode: "C1",
    sendToCode: "C1",
    supplierCode: "S1",
    salesCode: "C1",
    sellerCode: "C1",
    password: "",
    sellerPassword: "",
    ...overrides,
  };
}

describe("Haier client against the simulator", () => {
  beforeAll(async () => {
    sim = await startHaierSimulator({ clientId: "cid", clientSecret: SECRET, catalogueSize: 500 });
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.setFaults({ errorRate: 0, rateLimit: null, latencyMs: 0 });
    sim.configure({ tokenTtlSeconds: 7200 });
  });

  it("caches the token across calls and records each call's latency", async () => {
    const metrics: CallMetric[] = [];
    const client = createHaierClient({ config: config(), onCall: (m) => metrics.push(m) });
    const issued = sim.tokensIssued();
    await client.getProducts(["HR0000001"]);
    await client.getPrices(["HR0000001"]);
    await client.getStock("HR0000001", "110101");
    expect(sim.tokensIssued() - issued).toBe(1);
    expect(metrics.map((m) => m.endpoint)).toEqual(["token", "products", "prices", "stock"]);
    expect(metrics.every((m) => m.latencyMs >= 0 && m.status === 200)).toBe(true);
    expect(client.metrics().calls).toBe(4);
  });

  it("a revoked token (401) re-authenticates exactly once and repeats the call", async () => {
    const lines: string[] = [];
    const client = createHaierClient({ config: config(), log: (l) => lines.push(l) });
    await client.getProducts(["HR0000001"]);
    const issued = sim.tokensIssued();
    sim.revokeTokens();
    const records = await client.getProducts(["HR0000002"]);
    expect(records).toHaveLength(1);
    expect(sim.tokensIssued() - issued).toBe(1);
    expect(client.metrics().reauths).toBe(1);
    expect(lines.join("\n")).not.toContain(SECRET);
  });

  it("refreshes an expiring token before it expires, without a 401", async () => {
    sim.configure({ tokenTtlSeconds: 1 });
    const client = createHaierClient({ config: config() });
    await client.getProducts(["HR0000001"]);
    await new Promise((r) => setTimeout(r, 1000));
    sim.server.clearRequests();
    await client.getProducts(["HR0000001"]);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200]); // token, products; no 401
    expect(client.metrics().reauths).toBe(0);
  });

  it("waits out a 429 for its Retry-After and then succeeds", async () => {
    const waits: number[] = [];
    const client = createHaierClient({
      config: config(),
      random: () => 0.5,
      baseDelayMs: 10,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    await client.getProducts(["HR0000001"]); // token first, outside the window
    sim.setFaults({ rateLimit: { limit: 1, windowMs: 1000 } });
    await client.getProducts(["HR0000001"]);
    await client.getProducts(["HR0000002"]);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000); // Retry-After: 1 (second), not the 10 ms backoff
    expect(sim.requests.some((r) => r.status === 429)).toBe(true);
  });

  it("gives up on persistent 5xx after the bounded attempts with class server", async () => {
    sim.setFaults({ errorRate: 1 });
    const client = createHaierClient({ config: config(), maxAttempts: 3, baseDelayMs: 1 });
    const error = await client.getProducts(["HR0000001"]).catch((e) => e);
    expect(error).toBeInstanceOf(HaierApiError);
    expect(error).toMatchObject({ kind: "server", details: { attempts: 3 } });
  });

  it("a refused client is an auth failure with a clear message and no secret", async () => {
    const client = createHaierClient({ config: config({ clientSecret: "wrong-secret" }), baseDelayMs: 1 });
    const error = (await client.getProducts(["HR0000001"]).catch((e) => e)) as HaierApiError;
    expect(error.kind).toBe("auth");
    expect(error.message).toMatch(/HAIER_CLIENT_SECRET/);
    expect(error.message).not.toContain("wrong-secret");
  });

  it("network failures are class network (nothing listening)", async () => {
    const client = createHaierClient({
      config: config({ baseUrl: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9" }),
      maxAttempts: 2,
      baseDelayMs: 1,
    });
    const error = (await client.getProducts(["HR0000001"]).catch((e) => e)) as HaierApiError;
    expect(error.kind).toBe("network");
  });
});
