// The simulated Haier catalogue: derived from (seed, index) only, so every run,
// test and benchmark sees the same products. Prices move from day to day
// (Asia/Shanghai calendar day) and stock differs per county code.
import { hashString, unitFromParts } from "../framework/random";

export const BRANDS = ["海尔 Haier", "卡萨帝 Casarte", "统帅 Leader", "AQUA", "GE Appliances", "Fisher & Paykel"];
export const CATEGORIES = ["冰箱", "洗衣机", "空调", "热水器", "厨房电器", "电视", "净水器"];

/** Every 200th product from index 37 has no productCode; from 137 no productName (seed 003 "data" failures). */
export const MALFORMED_PRODUCT_PERIOD = 200;
const MISSING_CODE_OFFSET = 37;
const MISSING_NAME_OFFSET = 137;
/** Every 250th product from index 99 answers a non-numeric supply price. */
const MALFORMED_PRICE_PERIOD = 250;
const MALFORMED_PRICE_OFFSET = 99;
/** Every 50th product from 7 points at a missing image, from 29 at a page that is not an image. */
const BROKEN_IMAGE_PERIOD = 50;
/** Four products share one picture, as colour variants of one model do. */
export const PRODUCTS_PER_IMAGE = 4;

export interface CatalogueEntry {
  index: number;
  /** Always set here; the wire record may drop it (malformed). */
  productCode: string;
  malformed: "missing_code" | "missing_name" | null;
  malformedPrice: boolean;
  imagePath: string;
}

export function productCodeAt(index: number): string {
  return `HR${String(index + 1).padStart(7, "0")}`;
}

export function indexOfCode(code: string, size: number): number | null {
  const match = /^HR(\d{7})$/.exec(code);
  if (!match) return null;
  const index = Number(match[1]) - 1;
  return index >= 0 && index < size ? index : null;
}

export function catalogueEntry(index: number): CatalogueEntry {
  const slot = index % MALFORMED_PRODUCT_PERIOD;
  const imageSlot = index % BROKEN_IMAGE_PERIOD;
  const imageKey = Math.floor(index / PRODUCTS_PER_IMAGE);
  const imagePath =
    imageSlot === 7
      ? `/images/missing/${imageKey}.jpg`
      : imageSlot === 29
        ? `/images/html/${imageKey}.png`
        : `/images/products/${imageKey}.${imageKey % 2 === 0 ? "png" : "jpg"}`;
  return {
    index,
    productCode: productCodeAt(index),
    malformed: slot === MISSING_CODE_OFFSET ? "missing_code" : slot === MISSING_NAME_OFFSET ? "missing_name" : null,
    malformedPrice: index % MALFORMED_PRICE_PERIOD === MALFORMED_PRICE_OFFSET,
    imagePath,
  };
}

function pick<T>(list: T[], seed: number, ...parts: Array<string | number>): T {
  return list[Math.floor(unitFromParts(seed, ...parts) * list.length)];
}

/** The product-info record as the API sends it (malformed ones included). */
export function productRecord(seed: number, index: number, imageBaseUrl: string): Record<string, unknown> {
  const entry = catalogueEntry(index);
  const brandName = pick(BRANDS, seed, "brand", index);
  const categoryName = pick(CATEGORIES, seed, "category", index);
  const model = `${brandName.slice(-4).toUpperCase().replace(/\W/g, "X")}-${(hashString(`${seed}:${index}`) % 90000) + 10000}`;
  const record: Record<string, unknown> = {
    productCode: entry.productCode,
    productName: `${brandName} ${categoryName} ${model}`,
    productModel: model,
    brandName,
    categoryName,
    imageUrl: `${imageBaseUrl}${entry.imagePath}`,
    isSales: 1,
    noSalesReason: null,
    specs: { energyClass: 1 + Math.floor(unitFromParts(seed, "energy", index) * 3), warrantyYears: 3 },
  };
  if (entry.malformed === "missing_code") delete record.productCode;
  if (entry.malformed === "missing_name") record.productName = null;
  return record;
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The calendar day in Asia/Shanghai, which is when Haier's daily prices change. */
export function priceDay(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
}

export function priceRecord(seed: number, index: number, day: string): Record<string, unknown> {
  const entry = catalogueEntry(index);
  const base = 800 + Math.floor(unitFromParts(seed, "base-price", index) * 12000);
  const daily = 0.95 + unitFromParts(seed, "daily-price", index, day) * 0.1; // ±5 % from day to day
  const supplyPrice = money(base * daily);
  const stockRebate = money(supplyPrice * 0.03);
  const rebateMoney = money(supplyPrice * 0.01);
  return {
    productCode: entry.productCode,
    supplyPrice: entry.malformedPrice ? "N/A" : supplyPrice,
    invoicePrice: money(supplyPrice * 0.97 - stockRebate),
    stockRebate,
    rebateMoney,
    price: money(supplyPrice * 1.18),
    isSales: 1,
    noSalesReason: null,
  };
}

export function stockRecord(seed: number, index: number, countyCode: string, salesCode: string): Record<string, unknown> {
  const roll = unitFromParts(seed, "stock", index, countyCode);
  return {
    productCode: productCodeAt(index),
    countyCode,
    salesCode,
    stockNum: roll < 0.1 ? 0 : Math.floor(roll * 200),
    warehouseGrade: roll < 0.5 ? "A" : "B",
    timelinessData: { cutOffTime: "16:00", deliveryDays: 1 + Math.floor(roll * 3) },
  };
}

export function imageColour(seed: number, key: number): [number, number, number] {
  return [0, 1, 2].map((channel) => Math.floor(unitFromParts(seed, "colour", key, channel) * 256)) as [number, number, number];
}
