// Issue 7 fault 12 without the whole platform: a TCP proxy in front of the test
// database that stops passing bytes (a paused server, a dead path). Queries
// and connects fail within their timeouts, a stalled transaction commits
// nothing, the health check answers down within 2 s, and the webhook answers
// 503 well before WebScraper.io's 10 s.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/timeouts";
import { httpStatusOf } from "@/lib/api/errors";
import { DomainError } from "@/lib/errors/domain-error";
import { checkHealth } from "@/lib/health/check-health";
import { acceptTrackingWebhook } from "@/lib/tracking/webhook/accept-tracking-webhook";
import { startExecutor } from "@/lib/local-runtime/executor";
import { freePort } from "@/lib/local-runtime/platform/wait-for-port";

interface StallingProxy {
  url: string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

async function startStallingProxy(target: URL): Promise<StallingProxy> {
  let stalled = false;
  // While stalled, bytes are held back in both directions (as by a paused server), and delivered on resume.
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      const send = () => {
        if (!to.destroyed) to.write(chunk);
      };
      if (stalled) held.push(send);
      else send();
    };
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target.toString());
  url.port = String(port);
  url.hostname = "127.0.0.1";
  return {
    url: url.toString(),
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const send of held.splice(0)) send();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const value = await work;
    return { ms: Date.now() - started, value };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe("a stalled database", () => {
  let proxy: StallingProxy;
  let db: PrismaClient;

  beforeAll(async () => {
    proxy = await startStallingProxy(new URL(process.env.DATABASE_URL!));
    process.env.DATABASE_QUERY_TIMEOUT_MS = "1500";
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "5000";
    // A pool of 2, so leaking a connection per stalled transaction would show after two.
    process.env.DATABASE_POOL_MAX = "2";
    const { createPrismaClient } = await import("@/lib/db/client");
    db = createPrismaClient(proxy.url);
    await db.$queryRaw`SELECT 1`;
  });

  afterAll(async () => {
    proxy.resume();
    await db?.$disconnect().catch(() => {});
    await proxy?.close();
    delete process.env.DATABASE_QUERY_TIMEOUT_MS;
    delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
    delete process.env.DATABASE_POOL_MAX;
  });

  it("a query fails within its timeout instead of hanging, as 'database unavailable'", async () => {
    proxy.stall();
    try {
      const result = await timed(db.$queryRaw`SELECT 1`);
      expect(result.error).toBeDefined();
      expect(isDatabaseUnavailable(result.error)).toBe(true);
      expect(result.ms).toBeLessThan(5000);
    } finally {
      proxy.resume();
    }
  });

  // A statement that times out takes its connection with it (lib/db/stall-safe-client.ts): otherwise the
  // stalled INSERT would run once the database answers again, inside a transaction whose ROLLBACK had
  // already timed out, and that transaction would hold PGlite's one session for good.
  it("a transaction stalled half-way commits nothing", async () => {
    const marker = `stall-${Date.now()}`;
    const result = await timed(
      db.$transaction(
        async (tx) => {
          await tx.syncLog.create({ data: { operationType: "webscraper_tracking", message: marker, success: true, details: {} } });
          proxy.stall();
          await tx.syncLog.create({ data: { operationType: "webscraper_tracking", message: marker, success: true, details: {} } });
        },
        { timeout: 20_000, maxWait: 5000 },
      ),
    );
    expect(result.error).toBeDefined();
    expect(result.ms).toBeLessThan(10_000);
    proxy.resume();
    // Read through a connection of its own (the default client): neither row exists, now or once the stalled one is dropped.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await prisma.syncLog.count({ where: { message: marker } })).toBe(0);
  });

  it("stalled transactions leak no pooled connection (Prisma releases one only after a successful ROLLBACK)", async () => {
    const marker = `leak-${Date.now()}`;
    // More stalled transactions than the pool has connections: each must give its connection back.
    for (let i = 0; i < 4; i++) {
      const result = await timed(
        db.$transaction(async (tx) => {
          await tx.syncLog.create({ data: { operationType: "webscraper_tracking", message: marker, success: true, details: {} } });
          proxy.stall();
          await tx.syncLog.count();
        }),
      );
      proxy.resume();
      expect(result.error, `transaction ${i}`).toBeDefined();
    }
    const after = await timed(db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`);
    expect(after.error).toBeUndefined();
    expect(after.ms).toBeLessThan(5000);
    expect(await prisma.syncLog.count({ where: { message: marker } })).toBe(0);
  });

  it("the health check says down within 2 s and up again after", async () => {
    proxy.stall();
    try {
      const result = await timed(checkHealth(db));
      expect(result.value).toMatchObject({ ok: false, database: "down" });
      expect(result.ms).toBeLessThan(2000);
    } finally {
      proxy.resume();
    }
    // Once the database answers again, so does the check (the stalled statement drains first).
    const deadline = Date.now() + 15_000;
    let health = await checkHealth(db);
    while (!health.ok && Date.now() < deadline) health = await checkHealth(db);
    expect(health).toMatchObject({ ok: true });
  });

  it("the webhook answers 503 well before 10 s when recording the notification hangs", async () => {
    const never = new Promise<{ ids: string[] }>(() => {});
    const result = await timed(
      acceptTrackingWebhook(
        {
          query: new URLSearchParams({ token: "t0ken", batch_id: "6f1d3c1e-0000-4000-8000-000000000000" }),
          headerToken: null,
          body: { scrapingjob_id: "12345", sitemap_name: "official-website-sitemap", custom_id: "owryt-00000000-0000" },
        },
        { send: () => never, env: { WEBSCRAPER_WEBHOOK_TOKEN: "t0ken" }, deadlineMs: 2000 },
      ),
    );
    expect(result.error).toBeInstanceOf(DomainError);
    expect(httpStatusOf(result.error)).toBe(503);
    expect(result.ms).toBeLessThan(4000);
  });

  it("the executor's event API answers 503 within its deadline, and the sender's retry stores the events once", async () => {
    const eventKey = "stall-test-key";
    // No app behind it: this test only sends events (the executor keeps retrying its sync quietly).
    const executor = await startExecutor({
      databaseUrl: proxy.url,
      appServeUrl: `http://127.0.0.1:${await freePort()}/api/inngest`,
      eventKey,
      eventDeadlineMs: 2000,
      pollIntervalMs: 200,
      poolSize: 2,
    });
    const seed = `stall-${Date.now()}`;
    const post = () =>
      fetch(`${executor.url}/e/${eventKey}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-event-id-seed": seed },
        body: JSON.stringify([
          { name: "faults/stall.probe", data: { n: 1 } },
          { name: "faults/stall.probe", data: { n: 2 } },
        ]),
        signal: AbortSignal.timeout(30_000),
      });
    try {
      proxy.stall();
      let answer: Response;
      let ms: number;
      try {
        const started = Date.now();
        answer = await post();
        ms = Date.now() - started;
      } finally {
        proxy.resume();
      }
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({ status: 503, error: expect.stringMatching(/database unavailable/) });
      expect(ms).toBeLessThan(5000);

      // The sender retries (as the SDK and the webhook's caller do) until the database answers again.
      const deadline = Date.now() + 20_000;
      let retried = await post();
      while (retried.status !== 200 && Date.now() < deadline) retried = await post();
      expect(retried.status).toBe(200);
      const { ids } = (await retried.json()) as { ids: string[] };
      expect(ids).toHaveLength(2);
      // Both events stored, each once (the id is the primary key; a late commit of the stalled attempt would make
      // the retry a recorded duplicate, never a second event).
      const stored = await prisma.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id FROM inngest_executor.events WHERE id = ANY($1::text[])`,
        ids,
      );
      expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    } finally {
      await executor.stop();
    }
  }, 60_000);
});
