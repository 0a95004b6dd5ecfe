// GET /api/runs – background runs on the engine in use (local executor or Inngest), newest first; ?status=&functionId=&limit=&cursor=
import { NextResponse } from "next/server";
import { z } from "zod";
import { withStaff } from "@/lib/api/with-session";
import { RUN_STATUSES, runsApiFromEnv } from "@/lib/runs/runs-api-client";

export const dynamic = "force-dynamic";

const listRunsQuerySchema = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  functionId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export const GET = withStaff(async ({ req }) => {
  const params = Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== ""));
  const api = runsApiFromEnv();
  return NextResponse.json({ engine: api.engine, ...(await api.listRuns(listRunsQuerySchema.parse(params))) });
});
