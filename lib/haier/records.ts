// Checks Haier's records item by item: a bad record is a "data" failure for
// that product only (seed 003: skip the item, count it failed, go on).
import { z } from "zod";
import { HaierDataError } from "./errors";

const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));
const optionalMoney = money.nullish().transform((v) => (v === undefined || v === null ? null : v));

const productRecord = z.object({
  productCode: z.string().trim().min(1),
  productName: z.string().trim().min(1),
  productModel: z.string().nullish(),
  brandName: z.string().trim().nullish(),
  categoryName: z.string().trim().nullish(),
  imageUrl: z.string().url().nullish(),
  isSales: z.union([z.number(), z.boolean(), z.string()]).nullish(),
  noSalesReason: z.string().nullish(),
  specs: z.record(z.string(), z.unknown()).nullish(),
});

const priceRecord = z.object({
  productCode: z.string().trim().min(1),
  supplyPrice: optionalMoney,
  invoicePrice: optionalMoney,
  stockRebate: optionalMoney,
  rebateMoney: optionalMoney,
  price: optionalMoney,
});

const stockRecord = z.object({
  productCode: z.string().trim().min(1).optional(),
  countyCode: z.string().optional(),
  stockNum: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).transform((v) => Number(v)),
});

export interface HaierProduct {
  productCode: string;
  name: string;
  model: string | null;
  brandName: string | null;
  categoryName: string | null;
  imageUrl: string | null;
  isActive: boolean;
  specs: Record<string, unknown>;
}

export interface HaierPrices {
  productCode: string;
  supplyPrice: number | null;
  invoicePrice: number | null;
  stockRebate: number | null;
  rebateMoney: number | null;
  price: number | null;
}

function problem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "record"} ${i.message}`).join("; ");
}

function codeOf(raw: unknown): string | undefined {
  const code = (raw as { productCode?: unknown } | null)?.productCode;
  return typeof code === "string" && code ? code : undefined;
}

export function parseProductRecord(raw: unknown): HaierProduct {
  const parsed = productRecord.safeParse(raw);
  if (!parsed.success) {
    const code = codeOf(raw);
    throw new HaierDataError(
      code ? `malformed product ${code}: ${problem(parsed.error)}` : `product record without productCode: ${problem(parsed.error)}`,
      code,
    );
  }
  const r = parsed.data;
  return {
    productCode: r.productCode,
    name: r.productName,
    model: r.productModel ?? null,
    brandName: r.brandName || null,
    categoryName: r.categoryName || null,
    imageUrl: r.imageUrl ?? null,
    // isSales 0 / false: Haier no longer sells it to us.
    isActive: !(r.isSales === 0 || r.isSales === false || r.isSales === "0"),
    specs: {
      ...(r.specs ?? {}),
      ...(r.productModel ? { model: r.productModel } : {}),
      ...(r.noSalesReason ? { noSalesReason: r.noSalesReason } : {}),
    },
  };
}

export function parsePriceRecord(raw: unknown): HaierPrices {
  const parsed = priceRecord.safeParse(raw);
  if (!parsed.success) {
    const code = codeOf(raw);
    throw new HaierDataError(`malformed price${code ? ` for ${code}` : ""}: ${problem(parsed.error)}`, code);
  }
  return parsed.data;
}

export function parseStockRecord(raw: unknown, productCode: string): number {
  const parsed = stockRecord.safeParse(raw);
  if (!parsed.success) throw new HaierDataError(`malformed stock for ${productCode}: ${problem(parsed.error)}`, productCode);
  return parsed.data.stockNum;
}

/**
 * Seed 003 price priority: supply price first, then invoice price; the record's
 * own `price` only when neither is given. Rebates are stored, never the price.
 */
export function resolveSellingPrice(prices: HaierPrices): number | null {
  return prices.supplyPrice ?? prices.invoicePrice ?? prices.price ?? null;
}
