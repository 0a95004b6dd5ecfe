// GET /api/haier/products – synced Haier products (?q=&brand=&category=&page=&page_size=)
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { listHaierProducts, listProductsQuery } from "@/lib/haier/list-products";

export const GET = withStaff(async ({ req }) =>
  NextResponse.json(await listHaierProducts(prisma, listProductsQuery.parse(searchParamsObject(req.nextUrl.searchParams)))),
);
