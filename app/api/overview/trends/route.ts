// GET /api/overview/trends?tz=Asia/Shanghai – the last 14 days: orders delivered per day, exports per hour, failures per day.
import { NextResponse } from "next/server";
import { z } from "zod";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/i18n/time-zones";
import { getCockpitTrends } from "@/lib/overview/get-cockpit-trends";

export const dynamic = "force-dynamic";

const query = z.object({
  tz: z.string().max(64).refine(isTimeZone, "an IANA time zone").default(DEFAULT_TIME_ZONE),
});

export const GET = withStaff(async ({ req }) => {
  const input = query.parse(searchParamsObject(req.nextUrl.searchParams));
  return NextResponse.json(await getCockpitTrends(prisma, input.tz));
});
