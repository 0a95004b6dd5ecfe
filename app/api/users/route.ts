import { NextResponse } from "next/server";
import { withAdmin } from "@/lib/api/with-session";
import { listUsers } from "@/lib/users/list-users";
import { upsertUser, userInputSchema } from "@/lib/users/upsert-user";

// GET /api/users – list staff accounts (admins only)
export const GET = withAdmin(async () => NextResponse.json({ results: await listUsers() }));

// POST /api/users – create a staff account or reset its password and role (admins only)
export const POST = withAdmin(async ({ req }) => {
  const input = userInputSchema.parse(await req.json().catch(() => ({})));
  return NextResponse.json(await upsertUser(input), { status: 201 });
});
