// GET /api/sync/monitoring/api-calls – Temu API calls and failures per time bucket (?hours=&bucket_minutes=)
import { NextResponse } from "next/server";
import { z } from "zod";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { apiCallSeries } from "@/lib/temu/order-queries";

export const dynamic = "force-dynamic";

const query = z.object({
  hours: z.coerce.number().min(0.1).max(168).default(6),
  bucket_minutes: z.coerce.number().int().min(1).max(1440).default(5),
});

export const GET = withStaff(async ({ req }) => {
  const input = query.parse(searchParamsObject(req.nextUrl.searchParams));
  return NextResponse.json(await apiCallSeries(prisma, { hours: input.hours, bucketMinutes: input.bucket_minutes }));
});
