// One step of a sync: up to PRODUCTS_PER_STEP product codes. Product info and
// prices are fetched CODES_PER_CALL codes per call, stock one product per call
// (the stock endpoint takes one productCode) with a few calls in flight. A bad
// record or a failed call fails only the products it concerns; the rest are
// written in bulk, and unchanged products are not written at all.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/client";
import { CODES_PER_CALL, type HaierClient } from "../client";
import { errorKindOf, HaierDataError, type HaierErrorKind } from "../errors";
import type { ImageStore } from "../images/image-store";
import {
  parsePriceRecord,
  parseProductRecord,
  parseStockRecord,
  resolveSellingPrice,
  type HaierPrices,
  type HaierProduct,
} from "../records";
import { chunk, mapLimit } from "./map-limit";
import { DEFAULT_COUNTY_CODE, emptyCounts, recordFailure, type HaierSyncRequest, type SyncCounts } from "./types";

/** Calls in flight within one step (a 429 slows them all down through Retry-After). */
export const CALLS_IN_FLIGHT = 16;

export interface BatchDeps {
  db: Db;
  client: HaierClient;
  images: ImageStore;
  now?: () => Date;
}

interface ItemState {
  product?: HaierProduct;
  prices?: HaierPrices;
  stock?: number;
  failure?: { kind: HaierErrorKind; message: string };
}

function fail(state: ItemState, kind: HaierErrorKind, message: string) {
  state.failure ??= { kind, message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const money = (value: number | null | undefined) => (value === null || value === undefined ? null : new Prisma.Decimal(value.toFixed(2)));
const sameMoney = (a: Prisma.Decimal | null, b: number | null) =>
  a === null ? b === null : b !== null && a.equals(new Prisma.Decimal(b.toFixed(2)));

function productHash(product: HaierProduct, brandId: number | null, categoryId: number | null): string {
  const canonical = JSON.stringify([
    product.name,
    brandId,
    categoryId,
    product.isActive,
    product.imageUrl,
    Object.entries(product.specs).sort(),
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

async function ensureNamed(db: Db, model: "brand" | "category", names: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  const data = unique.map((name) => ({ name }));
  // Created when missing (seed 003: Brand / Category by name); skipDuplicates makes concurrent runs safe.
  if (model === "brand") {
    await db.brand.createMany({ data, skipDuplicates: true });
    const rows = await db.brand.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.name, r.id]));
  }
  await db.category.createMany({ data, skipDuplicates: true });
  const rows = await db.category.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function syncBatch(deps: BatchDeps, request: HaierSyncRequest, codes: string[]): Promise<SyncCounts> {
  const { db, client } = deps;
  const now = deps.now?.() ?? new Date();
  const before = client.metrics();
  const counts = emptyCounts();
  const items = new Map<string, ItemState>(codes.map((code) => [code, {}]));
  const withInfo = request.syncType === "products";
  const withPrices = request.syncType === "prices" || (withInfo && request.syncPrices);
  const withStock = request.syncType === "stock" || (withInfo && request.syncStock);
  const countyCode = request.countyCode || DEFAULT_COUNTY_CODE;

  if (withInfo) {
    await mapLimit(chunk(codes, CODES_PER_CALL), CALLS_IN_FLIGHT, async (group) => {
      let records: unknown[];
      try {
        records = await client.getProducts(group);
      } catch (error) {
        for (const code of group) fail(items.get(code)!, errorKindOf(error), messageOf(error));
        return;
      }
      let malformed: string | null = null;
      for (const raw of records) {
        try {
          const product = parseProductRecord(raw);
          const state = items.get(product.productCode);
          if (state) state.product = product;
        } catch (error) {
          const code = error instanceof HaierDataError ? error.productCode : undefined;
          if (code && items.has(code)) fail(items.get(code)!, "data", messageOf(error));
          else malformed ??= messageOf(error);
        }
      }
      for (const code of group) {
        const state = items.get(code)!;
        if (!state.product) fail(state, "data", malformed ?? `product ${code} is not procurable (not in Haier's answer)`);
      }
    });
  } else {
    const known = await db.product.findMany({ where: { productCode: { in: codes } }, select: { productCode: true } });
    const knownCodes = new Set(known.map((p) => p.productCode));
    for (const code of codes)
      if (!knownCodes.has(code)) fail(items.get(code)!, "data", `product ${code} is not synced yet; run a products sync first`);
  }

  const live = () => codes.filter((code) => !items.get(code)!.failure);

  if (withPrices) {
    await mapLimit(chunk(live(), CODES_PER_CALL), CALLS_IN_FLIGHT, async (group) => {
      let records: unknown[];
      try {
        records = await client.getPrices(group);
      } catch (error) {
        for (const code of group) fail(items.get(code)!, errorKindOf(error), messageOf(error));
        return;
      }
      for (const raw of records) {
        try {
          const prices = parsePriceRecord(raw);
          const state = items.get(prices.productCode);
          if (state) state.prices = prices;
        } catch (error) {
          const code = error instanceof HaierDataError ? error.productCode : undefined;
          if (code && items.has(code)) fail(items.get(code)!, "data", messageOf(error));
        }
      }
      for (const code of group) {
        const state = items.get(code)!;
        if (!state.prices) fail(state, "data", `no price for ${code} in Haier's answer`);
      }
    });
  }

  if (withStock) {
    await mapLimit(live(), CALLS_IN_FLIGHT, async (code) => {
      const state = items.get(code)!;
      try {
        state.stock = parseStockRecord(await client.getStock(code, countyCode), code);
      } catch (error) {
        fail(state, errorKindOf(error), messageOf(error));
      }
    });
  }

  await writeBatch(deps, items, { withInfo, withPrices, withStock, countyCode, now }, counts);

  for (const code of codes) {
    const state = items.get(code)!;
    if (state.failure) recordFailure(counts, { code, ...state.failure });
    else {
      counts.success++;
      counts.total++;
    }
  }
  const after = client.metrics();
  counts.apiCalls = after.calls - before.calls;
  counts.apiLatencyMs = after.latencyMs - before.latencyMs;
  return counts;
}

interface WriteOptions {
  withInfo: boolean;
  withPrices: boolean;
  withStock: boolean;
  countyCode: string;
  now: Date;
}

async function writeBatch(deps: BatchDeps, items: Map<string, ItemState>, options: WriteOptions, counts: SyncCounts): Promise<void> {
  const { db } = deps;
  // Whatever was fetched is written, even for an item that failed a later part (its info is still fresh).
  const fetched = [...items.entries()].filter(([, s]) => s.product || s.prices || s.stock !== undefined);
  if (fetched.length === 0) return;
  const existing = await db.product.findMany({
    where: { productCode: { in: fetched.map(([code]) => code) } },
    select: {
      id: true,
      productCode: true,
      syncHash: true,
      supplyPrice: true,
      invoicePrice: true,
      stockRebate: true,
      rebateMoney: true,
      price: true,
      stockQuantity: true,
      imageId: true,
      imageSourceUrl: true,
      imageError: true,
      stocks: { where: { countyCode: options.countyCode }, select: { quantity: true } },
    },
  });
  const byCode = new Map(existing.map((p) => [p.productCode, p]));

  const products = fetched.filter(([, s]) => s.product).map(([, s]) => s.product!);
  const brandIds = await ensureNamed(
    db,
    "brand",
    products.map((p) => p.brandName).filter((n): n is string => !!n),
  );
  const categoryIds = await ensureNamed(
    db,
    "category",
    products.map((p) => p.categoryName).filter((n): n is string => !!n),
  );

  // Images: once per source URL (a product keeping its URL and image is not downloaded again).
  const imageOf = new Map<string, { imageId: number | null; imageError: string | null }>();
  await mapLimit(products, CALLS_IN_FLIGHT, async (product) => {
    const current = byCode.get(product.productCode);
    if (!product.imageUrl) {
      imageOf.set(product.productCode, { imageId: null, imageError: null });
      return;
    }
    const sameUrl = current?.imageSourceUrl === product.imageUrl;
    const transient = current?.imageError?.startsWith("download failed") || current?.imageError?.startsWith("HTTP 5");
    if (sameUrl && (current!.imageId !== null || (current!.imageError && !transient))) {
      imageOf.set(product.productCode, { imageId: current!.imageId, imageError: current!.imageError });
      return;
    }
    const stored = await deps.images.ensureImage(product.imageUrl, current?.id);
    if ("error" in stored) {
      counts.imageErrors++;
      imageOf.set(product.productCode, { imageId: null, imageError: stored.error });
    } else {
      if (stored.created) counts.imagesStored++;
      imageOf.set(product.productCode, { imageId: stored.imageId, imageError: null });
    }
  });

  const creates: Prisma.ProductCreateManyInput[] = [];
  const updates: Prisma.PrismaPromise<unknown>[] = [];
  const stockRows: { code: string; quantity: number }[] = [];

  for (const [code, state] of fetched) {
    const current = byCode.get(code);
    const data: Prisma.ProductUncheckedUpdateInput = {};
    let infoChanged = false;
    let pricesChanged = false;
    if (state.product) {
      const p = state.product;
      const brandId = p.brandName ? (brandIds.get(p.brandName) ?? null) : null;
      const categoryId = p.categoryName ? (categoryIds.get(p.categoryName) ?? null) : null;
      const hash = productHash(p, brandId, categoryId);
      const image = imageOf.get(code) ?? { imageId: null, imageError: null };
      infoChanged = !current || current.syncHash !== hash || current.imageId !== image.imageId || current.imageError !== image.imageError;
      if (infoChanged) {
        Object.assign(data, {
          name: p.name,
          brandId,
          categoryId,
          isActive: p.isActive,
          specs: p.specs as Prisma.InputJsonValue,
          syncHash: hash,
          imageSourceUrl: p.imageUrl,
          imageId: image.imageId,
          imageError: image.imageError,
          source: "haier",
        });
      }
    }
    if (state.prices && options.withPrices) {
      const pr = state.prices;
      const selling = resolveSellingPrice(pr);
      pricesChanged =
        !current ||
        !sameMoney(current.supplyPrice, pr.supplyPrice) ||
        !sameMoney(current.invoicePrice, pr.invoicePrice) ||
        !sameMoney(current.stockRebate, pr.stockRebate) ||
        !sameMoney(current.rebateMoney, pr.rebateMoney) ||
        !sameMoney(current.price, selling);
      if (pricesChanged) {
        Object.assign(data, {
          supplyPrice: money(pr.supplyPrice),
          invoicePrice: money(pr.invoicePrice),
          stockRebate: money(pr.stockRebate),
          rebateMoney: money(pr.rebateMoney),
          price: money(selling),
        });
        counts.pricesUpdated++;
      }
    }
    let stockChanged = false;
    if (state.stock !== undefined && options.withStock) {
      stockChanged = !current || current.stocks[0]?.quantity !== state.stock;
      if (stockChanged) {
        stockRows.push({ code, quantity: state.stock });
        counts.stockUpdated++;
        // The product's own quantity mirrors the default county (seed 003 default 110101).
        if (options.countyCode === DEFAULT_COUNTY_CODE) data.stockQuantity = state.stock;
      }
    }
    if (!current) {
      if (!state.product) continue; // prices / stock for an unknown product were failed earlier
      creates.push({ ...(data as Prisma.ProductCreateManyInput), productCode: code, lastSyncedAt: options.now });
      counts.created++;
    } else if (infoChanged || pricesChanged || stockChanged) {
      updates.push(db.product.update({ where: { id: current.id }, data: { ...data, lastSyncedAt: options.now } }));
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }

  if (creates.length > 0) await db.product.createMany({ data: creates, skipDuplicates: true });
  if (updates.length > 0) await db.$transaction(updates);

  if (stockRows.length > 0) {
    const codes = stockRows.map((r) => r.code);
    const quantities = stockRows.map((r) => r.quantity);
    await db.$executeRaw`
      INSERT INTO "ProductStock" ("productId", "countyCode", "quantity", "updatedAt")
      SELECT p."id", ${options.countyCode}, s.quantity, ${options.now}
      FROM unnest(${codes}::text[], ${quantities}::int[]) AS s(code, quantity)
      JOIN "Product" p ON p."productCode" = s.code
      ON CONFLICT ("productId", "countyCode") DO UPDATE SET "quantity" = EXCLUDED."quantity", "updatedAt" = EXCLUDED."updatedAt"`;
  }
  // Images downloaded for products created just now get their owner.
  const newImageIds = [...imageOf.values()].map((i) => i.imageId).filter((id): id is number => id !== null);
  if (newImageIds.length > 0) {
    await db.$executeRaw`
      UPDATE "MediaImage" m SET "productId" = p."id"
      FROM "Product" p
      WHERE p."imageId" = m."id" AND m."productId" IS NULL AND m."id" = ANY(${newImageIds}::int[])`;
  }
}
