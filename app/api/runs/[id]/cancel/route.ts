// POST /api/runs/:id/cancel – cancel an active run (admin)
import { NextResponse } from "next/server";
import { badRequest, notFound } from "@/lib/api/errors";
import { withAdmin } from "@/lib/api/with-session";
import { runsApiFromEnv } from "@/lib/runs/runs-api-client";

export const POST = withAdmin(async ({ params }) => {
  const result = await runsApiFromEnv().cancelRun(String(params.id));
  if (!result) throw notFound("Run not found", { code: "run_not_found" });
  if (!result.cancelled) throw badRequest("The run has already finished", undefined, { code: "run_already_finished" });
  return NextResponse.json(result);
});
