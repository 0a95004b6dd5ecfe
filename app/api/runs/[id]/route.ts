// GET /api/runs/:id – one executor run with its step timeline
import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { getRun } from "@/lib/inngest-executor";

export const dynamic = "force-dynamic";

export const GET = withStaff(async ({ params }) => {
  const run = await getRun(String(params.id));
  if (!run) throw notFound("Run not found", { code: "run_not_found" });
  return NextResponse.json(run);
});
