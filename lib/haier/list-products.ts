// Haier products for the page: search by code or name, filter by brand and
// category, paged.
import { z } from "zod";
import type { Db, Prisma } from "../db/client";

export const listProductsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  brand: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

const money = (value: Prisma.Decimal | null) => (value === null ? null : value.toFixed(2));

export async function listHaierProducts(db: Db, query: ListProductsQuery) {
  const where: Prisma.ProductWhereInput = {
    source: "haier",
    ...(query.q
      ? { OR: [{ productCode: { contains: query.q, mode: "insensitive" } }, { name: { contains: query.q, mode: "insensitive" } }] }
      : {}),
    ...(query.brand ? { brand: { name: query.brand } } : {}),
    ...(query.category ? { category: { name: query.category } } : {}),
  };
  const [total, rows, brands, categories] = await Promise.all([
    db.product.count({ where }),
    db.product.findMany({
      where,
      orderBy: { productCode: "asc" },
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
      include: { brand: { select: { name: true } }, category: { select: { name: true } }, image: { select: { filePath: true } } },
    }),
    db.brand.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.category.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    count: total,
    page: query.page,
    page_size: query.page_size,
    results: rows.map((p) => ({
      id: p.id,
      product_code: p.productCode,
      name: p.name,
      brand: p.brand?.name ?? null,
      category: p.category?.name ?? null,
      supply_price: money(p.supplyPrice),
      invoice_price: money(p.invoicePrice),
      stock_rebate: money(p.stockRebate),
      rebate_money: money(p.rebateMoney),
      price: money(p.price),
      stock_quantity: p.stockQuantity,
      is_active: p.isActive,
      image_url: p.image ? `/api/haier/media/${p.image.filePath}` : null,
      image_error: p.imageError,
      last_synced_at: p.lastSyncedAt,
    })),
    brands: brands.map((b) => b.name),
    categories: categories.map((c) => c.name),
  };
}
