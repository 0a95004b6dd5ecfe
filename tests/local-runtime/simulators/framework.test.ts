import { afterEach, describe, expect, it } from "vitest";
import { createSimulatorServer, type SimulatorServer } from "../../../lib/local-runtime/simulators/framework";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";

const started: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

async function echoServer(options: Partial<Parameters<typeof createSimulatorServer>[0]> = {}) {
  const server = await createSimulatorServer({
    name: "echo",
    routes: [
      {
        method: "POST",
        path: "/things/:kind/:id",
        handler: (request) => ({
          status: 201,
          body: { params: request.params, query: request.query, body: request.body },
        }),
      },
      { method: "GET", path: "/ping", handler: () => ({ body: "pong", headers: { "Content-Type": "text/plain" } }) },
    ],
    ...options,
  });
  started.push(server);
  return server;
}

describe("simulator framework: routing and bodies", () => {
  it("routes by method and path pattern and parses JSON, form and text bodies", async () => {
    const server = await echoServer({ port: await freePort() });
    const post = (body: string, type: string) =>
      fetch(`${server.url}/things/parcel/42?verbose=1&tag=a&tag=b`, {
        method: "POST",
        headers: { "Content-Type": type },
        body,
      }).then(async (r) => ({ status: r.status, json: await r.json() }));

    const json = await post(JSON.stringify({ a: 1 }), "application/json");
    expect(json).toEqual({
      status: 201,
      json: { params: { kind: "parcel", id: "42" }, query: { verbose: "1", tag: "a" }, body: { a: 1 } },
    });
    expect((await post("x=1&y=%E9%85%8D%E9%81%94", "application/x-www-form-urlencoded")).json.body).toEqual({
      x: "1",
      y: "配達",
    });
    expect((await post("plain words", "text/plain")).json.body).toBe("plain words");
    expect(await fetch(`${server.url}/ping`).then((r) => r.text())).toBe("pong");
  });

  it("answers 400 for broken JSON, 404 for unknown paths and 405 for a wrong method", async () => {
    const server = await echoServer();
    const broken = await fetch(`${server.url}/things/a/1`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{nope",
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ success: false, error: expect.stringContaining("JSON") });
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${server.url}/ping`, { method: "POST" })).status).toBe(405);
  });
});

describe("simulator framework: fault injection", () => {
  it("delays every answer by the configured latency", async () => {
    // 600 ms: far above what a plain local request takes on a loaded machine (185 ms seen),
    // so "no latency" is told apart from "the configured latency" without a tight bound.
    const server = await echoServer({ faults: { latencyMs: 600 } });
    const t0 = Date.now();
    await fetch(`${server.url}/ping`).then((r) => r.text());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(590);

    server.setFaults({ latencyMs: { min: 0, max: 0 } });
    const t1 = Date.now();
    await fetch(`${server.url}/ping`).then((r) => r.text());
    expect(Date.now() - t1).toBeLessThan(590);
  });

  it("fails the configured share of requests with a JSON 500/503, the same way for the same seed", async () => {
    const statuses = async (seed: number) => {
      const server = await echoServer({ seed, faults: { errorRate: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${server.url}/ping`);
        if (response.status >= 500) {
          expect(await response.json()).toMatchObject({ success: false, error: expect.stringContaining("simulated") });
        } else {
          await response.text();
        }
        out.push(response.status);
      }
      return out;
    };
    const first = await statuses(7);
    expect(await statuses(7)).toEqual(first);
    const failures = first.filter((s) => s >= 500);
    expect(failures.length).toBeGreaterThan(5);
    expect(failures.length).toBeLessThan(25);
    expect(new Set(failures)).toEqual(new Set([500, 503]));
    expect(await statuses(8)).not.toEqual(first);
  });

  it("rate-limits with 429 and Retry-After, then lets requests through in the next window", async () => {
    // A window long enough that three requests fit in it on a loaded machine.
    const server = await echoServer({ faults: { rateLimit: { limit: 2, windowMs: 1_500 } } });
    const first = await fetch(`${server.url}/ping`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
    const limited = await fetch(`${server.url}/ping`);
    expect(limited.status).toBe(429);
    // Whole seconds until the window resets, rounded up: 1 or 2 within a 1.5 s window.
    expect(["1", "2"]).toContain(limited.headers.get("retry-after"));
    expect(Number(limited.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    // The next window: waited for (polling), not guessed with a fixed sleep; it opens within the window length.
    const limitedAt = Date.now();
    let status = 429;
    while (status === 429 && Date.now() - limitedAt < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(`${server.url}/ping`)).status;
    }
    expect(status).toBe(200);
    expect(Date.now() - limitedAt).toBeLessThan(1_500 + 5_000);
  });

  it("takes faults at runtime through the admin endpoint and lists recorded requests without credentials", async () => {
    const server = await echoServer();
    const set = await fetch(`${server.url}/__simulator/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(await set.json()).toMatchObject({ errorRate: 1, rateLimit: null });
    expect(
      (await fetch(`${server.url}/ping?api_token=secret-1`, { headers: { Authorization: "Bearer secret-2" } })).status,
    ).toBeGreaterThanOrEqual(500);

    const invalid = await fetch(`${server.url}/__simulator/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ errorRate: 3 }),
    });
    expect(invalid.status).toBe(400);

    const log = await fetch(`${server.url}/__simulator/requests`).then((r) => r.json());
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: "GET", path: "/ping", fault: "error", query: { api_token: "[redacted]" } });
    expect(log[0].headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(log)).not.toContain("secret-");
    expect(server.requests).toHaveLength(1);
  });
});
