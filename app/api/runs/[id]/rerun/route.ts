// POST /api/runs/:id/rerun – start a new run of the same function with the same event (admin)
import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withAdmin } from "@/lib/api/with-session";
import { runsApiFromEnv } from "@/lib/runs/runs-api-client";

export const POST = withAdmin(async ({ params }) => {
  const result = await runsApiFromEnv().rerunRun(String(params.id));
  if (!result) throw notFound("Run not found", { code: "run_not_found" });
  return NextResponse.json(result, { status: 201 });
});
