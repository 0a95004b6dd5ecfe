import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { createHaierClient, createTokenCache } from "../../../lib/haier/client";
import { createImageStore } from "../../../lib/haier/images/image-store";
import { runHaierSync, directSteps, type HaierSyncDeps, type StepRunner } from "../../../lib/haier/sync/run-haier-sync";
import { createSyncLog } from "../../../lib/haier/sync/sync-log";
import { haierSyncRequestSchema, type HaierSyncRequest } from "../../../lib/haier/sync/types";
import { catalogueEntry, startHaierSimulator, type HaierSimulator } from "../../../lib/local-runtime/simulators/haier";
import { resetDatabase } from "../../setup/reset-database";

const SIZE = 300;
let sim: HaierSimulator;
let mediaRoot: string;

function deps(): HaierSyncDeps {
  const tokenCache = createTokenCache();
  const config = {
    clientId: "cid",
    clientSecret: "sec",
    tokenUrl: sim.url,
    baseUrl: sim.url,
    customerCode: "C1",
    sendToCode: "C1",
    supplierCode: "S1",
    salesCode: "C1",
    sellerCode: "C1",
    password: "",
    sellerPassword: "",
  };
  return {
    db: prisma,
    // Enough attempts that 20 % injected 5xx practically never exhausts one call (0.2^10 per call), so counts are exact.
    client: () => createHaierClient({ config, tokenCache, baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 }),
    images: () => createImageStore({ db: prisma, mediaRoot, sleep: async () => {}, attempts: 10 }),
  };
}

function request(overrides: Partial<HaierSyncRequest> = {}): HaierSyncRequest {
  return haierSyncRequestSchema.parse({ syncType: "products", syncPrices: true, syncStock: true, ...overrides });
}

async function sync(req = request(), step: StepRunner = directSteps, logId?: number) {
  const id = logId ?? (await createSyncLog(prisma, { syncType: req.syncType, triggeredBy: "test" })).id;
  return runHaierSync(deps(), step, { logId: id, request: req });
}

// What the deterministic catalogue of SIZE products must give.
const indexes = Array.from({ length: SIZE }, (_, i) => i);
const entries = indexes.map(catalogueEntry);
const NO_CODE = entries.filter((e) => e.malformed === "missing_code").length;
const NO_NAME = entries.filter((e) => e.malformed === "missing_name").length;
const BAD_PRICE = entries.filter((e) => e.malformedPrice && !e.malformed).length;
const WRITTEN = SIZE - NO_CODE - NO_NAME;
const FAILED = NO_CODE + NO_NAME + BAD_PRICE;
const GOOD_IMAGE_URLS = new Set(entries.filter((e) => !e.malformed && e.imagePath.startsWith("/images/products/")).map((e) => e.imagePath))
  .size;

// Whole syncs against PGlite: minutes on a loaded shared machine.
describe("Haier product sync", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    sim = await startHaierSimulator({ catalogueSize: SIZE });
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await resetDatabase();
    mediaRoot = mkdtempSync(path.join(os.tmpdir(), "haier-sync-media-"));
    sim.setFaults({ errorRate: 0 });
    sim.server.clearRequests();
  });

  it("creates products, brands, categories, prices, stock and images; malformed records are skipped and counted", async () => {
    const outcome = await sync();
    expect(outcome.status).toBe("partial");
    expect(outcome.counts).toMatchObject({ total: SIZE, success: SIZE - FAILED, failed: FAILED, created: WRITTEN });
    expect(outcome.counts.failuresByKind).toEqual({ data: FAILED });
    expect(await prisma.product.count()).toBe(WRITTEN);
    expect(await prisma.brand.count()).toBeGreaterThan(1);
    expect(await prisma.category.count()).toBeGreaterThan(1);
    const p = await prisma.product.findUniqueOrThrow({
      where: { productCode: "HR0000001" },
      include: { brand: true, category: true, stocks: true, image: true },
    });
    expect(p.source).toBe("haier");
    expect(p.price?.toString()).toBe(p.supplyPrice?.toString()); // supply price first
    expect(p.stocks).toEqual([expect.objectContaining({ countyCode: "110101", quantity: p.stockQuantity })]);
    expect(p.image?.filePath).toMatch(/^\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{32}\.png$/);
    // Broken images are recorded on the product, which still synced.
    const broken = await prisma.product.findUniqueOrThrow({ where: { productCode: "HR0000008" } });
    expect(broken).toMatchObject({ imageId: null, imageError: "HTTP 404" });
    const html = await prisma.product.findUniqueOrThrow({ where: { productCode: "HR0000030" } });
    expect(html.imageError).toMatch(/not an image/);
    // Each source URL downloaded once (four products share a picture).
    expect(await prisma.mediaImage.count()).toBe(GOOD_IMAGE_URLS);
    expect(sim.requests.filter((r) => r.path.startsWith("/images/products/")).length).toBe(GOOD_IMAGE_URLS);
    expect(readdirSync(mediaRoot, { recursive: true }).filter((f) => String(f).includes(".")).length).toBe(GOOD_IMAGE_URLS);

    const log = await prisma.haierSyncLog.findUniqueOrThrow({ where: { id: outcome.logId } });
    expect(log).toMatchObject({ status: "partial", totalCount: SIZE, successCount: SIZE - FAILED, failedCount: FAILED });
    expect(log.totalCount).toBe(log.successCount + log.failedCount);
    expect(log.message).toMatch(/data/);
    expect(log.startedAt).not.toBeNull();
    expect(log.completedAt!.getTime()).toBeGreaterThanOrEqual(log.startedAt!.getTime());
    expect(log.apiCalls).toBeGreaterThan(0);
  });

  it("batches product codes: 20 per product-info and price call", async () => {
    await sync(request({ syncStock: false }));
    const infoCalls = sim.requests.filter(
      (r) => r.path.startsWith("/product-info") && (r.body as { productCodes: string[] }).productCodes.length > 0,
    );
    const codesPerCall = infoCalls.map((r) => (r.body as { productCodes: string[] }).productCodes.length);
    expect(Math.max(...codesPerCall)).toBe(20);
    expect(infoCalls.length).toBe(Math.ceil((SIZE - NO_CODE) / 20));
  });

  it("does not rewrite unchanged products on a second run", async () => {
    await sync();
    const before = await prisma.product.findMany({ select: { productCode: true, updatedAt: true }, orderBy: { productCode: "asc" } });
    const second = await sync();
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: WRITTEN, imagesStored: 0 });
    const after = await prisma.product.findMany({ select: { productCode: true, updatedAt: true }, orderBy: { productCode: "asc" } });
    expect(after).toEqual(before);
    expect(await prisma.mediaImage.count()).toBe(GOOD_IMAGE_URLS);
  });

  it("with 20% injected 5xx ends with exact counts and no duplicate product or image", async () => {
    sim.setFaults({ errorRate: 0.2 });
    const outcome = await sync();
    expect(["success", "partial"]).toContain(outcome.status);
    expect(outcome.counts.total).toBe(SIZE);
    expect(outcome.counts.success + outcome.counts.failed).toBe(SIZE);
    expect(outcome.counts.failed).toBe(FAILED);
    expect(sim.requests.some((r) => r.fault === "error")).toBe(true);
    expect(await prisma.product.count()).toBe(WRITTEN);
    const dupes = await prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM (SELECT "originalUrl" FROM "MediaImage" GROUP BY 1 HAVING count(*) > 1) d`;
    expect(Number(dupes[0].n)).toBe(0);
    expect(await prisma.mediaImage.count()).toBe(GOOD_IMAGE_URLS);
  });

  it("a crash mid-sync resumes at the unfinished step without redoing finished ones", async () => {
    // Inngest memoizes each finished step's result; this runner does the same.
    const memo = new Map<string, unknown>();
    let crash = true;
    const steps: StepRunner = {
      async run(id, fn) {
        if (memo.has(id)) return memo.get(id) as never;
        if (id === "batch-2" && crash) {
          crash = false;
          throw new Error("worker killed");
        }
        const result = await fn();
        memo.set(id, JSON.parse(JSON.stringify(result ?? null)));
        return result;
      },
    };
    const req = request();
    const { id } = await createSyncLog(prisma, { syncType: "products", triggeredBy: "test" });
    await expect(sync(req, steps, id)).rejects.toThrow("worker killed");
    const midway = await prisma.haierSyncLog.findUniqueOrThrow({ where: { id } });
    expect(midway).toMatchObject({ status: "processing", totalCount: 100 + NO_CODE });
    const infoCallsBefore = sim.requests.filter((r) => r.path.startsWith("/product-info")).length;
    const outcome = await sync(req, steps, id);
    // Only batches 2 and 3 fetched again (5 info calls each), no listing again.
    const infoCallsAfter = sim.requests.filter((r) => r.path.startsWith("/product-info")).length;
    expect(infoCallsAfter - infoCallsBefore).toBe(10);
    expect(outcome.counts).toMatchObject({ total: SIZE, failed: FAILED, created: WRITTEN });
    const log = await prisma.haierSyncLog.findUniqueOrThrow({ where: { id } });
    expect(log).toMatchObject({ status: "partial", totalCount: SIZE, failedCount: FAILED });
    expect(await prisma.product.count()).toBe(WRITTEN);
  });

  it("prices-only and stock-only runs cover the products we have and fail unknown codes", async () => {
    await sync(request({ syncPrices: false, syncStock: false }));
    const prices = await sync(request({ syncType: "prices" }));
    expect(prices.counts.total).toBe(WRITTEN);
    expect(prices.counts.failed).toBe(BAD_PRICE);
    const stock = await sync(request({ syncType: "stock", countyCode: "310101" }));
    expect(stock.counts).toMatchObject({ total: WRITTEN, failed: 0, stockUpdated: WRITTEN });
    expect(await prisma.productStock.count({ where: { countyCode: "310101" } })).toBe(WRITTEN);
    const unknown = await sync(request({ syncType: "prices", productCodes: ["NOPE-1"] }));
    expect(unknown.status).toBe("failed");
  });

  it("an authentication failure fails the run with class auth", async () => {
    const bad = deps();
    const run = await createSyncLog(prisma, { syncType: "products", triggeredBy: "test" });
    sim.revokeTokens();
    const outcome = await runHaierSync(
      {
        ...bad,
        client: () =>
          createHaierClient({
            config: {
              clientId: "x",
              clientSecret: "",
              tokenUrl: sim.url,
              baseUrl: sim.url,
              customerCode: "C",
              sendToCode: "",
              supplierCode: "S",
              salesCode: "C",
              sellerCode: "C",
              password: "",
              sellerPassword: "",
            },
            baseDelayMs: 1,
          }),
      },
      directSteps,
      { logId: run.id, request: request() },
    );
    expect(outcome.status).toBe("failed");
    const log = await prisma.haierSyncLog.findUniqueOrThrow({ where: { id: run.id } });
    expect(log.status).toBe("failed");
    expect(log.message).toMatch(/^auth: /);
    expect(log.completedAt).not.toBeNull();
  });
});

afterAll(() => {
  if (mediaRoot) rmSync(mediaRoot, { recursive: true, force: true });
});
