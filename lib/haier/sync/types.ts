import { z } from "zod";
import type { HaierErrorKind } from "../errors";

export const HAIER_SYNC_KINDS = ["products", "prices", "stock"] as const;
export type HaierSyncKind = (typeof HAIER_SYNC_KINDS)[number];
export const DEFAULT_COUNTY_CODE = "110101";
/** Products per step: a crash resumes at the first unfinished step of this size. */
export const PRODUCTS_PER_STEP = 100;

export const haierSyncRequestSchema = z.object({
  syncType: z.enum(HAIER_SYNC_KINDS),
  productCodes: z.array(z.string().trim().min(1).max(64)).max(10_000).optional(),
  category: z.string().trim().min(1).max(100).nullish(),
  brand: z.string().trim().min(1).max(100).nullish(),
  syncPrices: z.boolean().default(false),
  syncStock: z.boolean().default(false),
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "county code is 6 digits")
    .default(DEFAULT_COUNTY_CODE),
});
export type HaierSyncRequest = z.infer<typeof haierSyncRequestSchema>;

export interface FailureSample {
  code: string | null;
  kind: HaierErrorKind;
  message: string;
}

/** Counts of one batch, or of a whole run so far. Every field is additive. */
export interface SyncCounts {
  total: number;
  success: number;
  failed: number;
  created: number;
  updated: number;
  unchanged: number;
  pricesUpdated: number;
  stockUpdated: number;
  imagesStored: number;
  imageErrors: number;
  apiCalls: number;
  apiLatencyMs: number;
  failuresByKind: Partial<Record<HaierErrorKind, number>>;
  /** The first few failures, for the log message. */
  failures: FailureSample[];
}

export const MAX_FAILURE_SAMPLES = 5;

export function emptyCounts(): SyncCounts {
  return {
    total: 0,
    success: 0,
    failed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    pricesUpdated: 0,
    stockUpdated: 0,
    imagesStored: 0,
    imageErrors: 0,
    apiCalls: 0,
    apiLatencyMs: 0,
    failuresByKind: {},
    failures: [],
  };
}

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  const kinds = { ...a.failuresByKind };
  for (const [kind, n] of Object.entries(b.failuresByKind)) kinds[kind as HaierErrorKind] = (kinds[kind as HaierErrorKind] ?? 0) + (n ?? 0);
  return {
    total: a.total + b.total,
    success: a.success + b.success,
    failed: a.failed + b.failed,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    pricesUpdated: a.pricesUpdated + b.pricesUpdated,
    stockUpdated: a.stockUpdated + b.stockUpdated,
    imagesStored: a.imagesStored + b.imagesStored,
    imageErrors: a.imageErrors + b.imageErrors,
    apiCalls: a.apiCalls + b.apiCalls,
    apiLatencyMs: a.apiLatencyMs + b.apiLatencyMs,
    failuresByKind: kinds,
    failures: [...a.failures, ...b.failures].slice(0, MAX_FAILURE_SAMPLES),
  };
}

export function recordFailure(counts: SyncCounts, failure: FailureSample): void {
  counts.failed++;
  counts.total++;
  counts.failuresByKind[failure.kind] = (counts.failuresByKind[failure.kind] ?? 0) + 1;
  if (counts.failures.length < MAX_FAILURE_SAMPLES) counts.failures.push(failure);
}
