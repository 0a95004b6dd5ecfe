// Which product codes a run covers, cut into steps of PRODUCTS_PER_STEP.
// products: the given codes, else Haier's procurable catalogue (filtered by
// brand / category name when given); prices and stock: the given codes, else the
// Haier products we already have.
import type { Db } from "../../db/client";
import type { HaierClient } from "../client";
import { errorKindOf } from "../errors";
import { chunk } from "./map-limit";
import { emptyCounts, PRODUCTS_PER_STEP, recordFailure, type HaierSyncRequest, type SyncCounts } from "./types";

export const LIST_PAGE_SIZE = 200;

export interface SyncPlan {
  batches: string[][];
  /** Listing records that could not be planned (no productCode): already failed. */
  counts: SyncCounts;
}

function matches(filter: string | null | undefined, value: unknown): boolean {
  return !filter || (typeof value === "string" && value.trim() === filter);
}

export async function planSync(deps: { db: Db; client: HaierClient }, request: HaierSyncRequest): Promise<SyncPlan> {
  const counts = emptyCounts();
  const before = deps.client.metrics();
  let codes: string[];
  if (request.productCodes && request.productCodes.length > 0) {
    codes = [...new Set(request.productCodes)];
  } else if (request.syncType === "products") {
    codes = [];
    for (let pageNo = 1; ; pageNo++) {
      const page = await deps.client.listProducts(pageNo, LIST_PAGE_SIZE);
      for (const raw of page.list) {
        const record = raw as Record<string, unknown> | null;
        if (!matches(request.brand, record?.brandName) || !matches(request.category, record?.categoryName)) continue;
        const code = record?.productCode;
        if (typeof code === "string" && code.trim()) codes.push(code.trim());
        else recordFailure(counts, { code: null, kind: "data", message: "product record without productCode" });
      }
      if (page.list.length === 0 || pageNo * page.pageSize >= page.total) break;
    }
    codes = [...new Set(codes)];
  } else {
    const rows = await deps.db.product.findMany({
      where: {
        source: "haier",
        isActive: true,
        ...(request.brand ? { brand: { name: request.brand } } : {}),
        ...(request.category ? { category: { name: request.category } } : {}),
      },
      select: { productCode: true },
      orderBy: { productCode: "asc" },
    });
    codes = rows.map((r) => r.productCode);
  }
  const after = deps.client.metrics();
  counts.apiCalls = after.calls - before.calls;
  counts.apiLatencyMs = after.latencyMs - before.latencyMs;
  return { batches: chunk(codes, PRODUCTS_PER_STEP), counts };
}

export { errorKindOf };
