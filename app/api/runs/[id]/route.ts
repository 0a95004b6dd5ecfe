// GET /api/runs/:id – one run with its step timeline, from the engine's REST API
import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { runsApiFromEnv } from "@/lib/runs/runs-api-client";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ params }) => {
  const run = await runsApiFromEnv().getRun(String(params.id));
  if (!run) throw notFound("Run not found", { code: "run_not_found" });
  return NextResponse.json(run);
});
