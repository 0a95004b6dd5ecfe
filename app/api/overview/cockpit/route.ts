// GET /api/overview/cockpit – active alerts of every flow (most severe first) and a health score per flow.
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { getCockpit } from "@/lib/overview/get-cockpit";

export const dynamic = "force-dynamic";

export const GET = withStaff(async () => NextResponse.json(await getCockpit(prisma)));
