import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { upsertUser } from "../../users/upsert-user";

/** On a database without users, creates the first admin and returns its sign-in once. */
export async function ensureFirstAdmin(db: Db, email = process.env.ADMIN_EMAIL ?? "admin@example.com") {
  if ((await db.user.count()) > 0) return null;
  const password = process.env.ADMIN_PASSWORD ?? randomBytes(18).toString("base64url");
  await upsertUser({ email, password, role: "admin", name: "Administrator" }, db);
  return { email, password };
}
