// GET /api/overview – counts for the dashboard's Overview page.
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { getOverviewCounts } from "@/lib/overview/get-overview-counts";

export const GET = withStaff(async () => NextResponse.json(await getOverviewCounts()));
