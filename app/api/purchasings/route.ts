// GET /api/purchasings – search purchasing orders by order or tracking number (?q=&delivery_status=&page=)
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { searchPurchasings, searchPurchasingsQuery } from "@/lib/purchasing/search-purchasings";

export const GET = withStaff(async ({ req }) =>
  NextResponse.json(await searchPurchasings(searchPurchasingsQuery.parse(searchParamsObject(req.nextUrl.searchParams)))),
);
