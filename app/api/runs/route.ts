// GET /api/runs – list executor runs (newest first; ?status=&functionId=&limit=&cursor=)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { executorSettingsFromEnv, listRuns, listRunsInputSchema } from "@/lib/inngest-executor";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ req }) => {
  if (!executorSettingsFromEnv().enabled) return NextResponse.json({ mode: "inngest-cloud", runs: [], nextCursor: null });
  const params = Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== ""));
  return NextResponse.json({ mode: "local", ...(await listRuns(listRunsInputSchema.parse(params))) });
});
