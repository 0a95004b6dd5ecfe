// Issue 7 item 2: a demoted, disabled, deleted or password-reset user must lose
// access on the very next request, though their signed cookie is still valid.
// The jwt callback runs on every session read (route wrapper and page guard).
import type { JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "../../lib/auth/options";
import { prisma } from "../../lib/db/client";
import { setUserDisabled } from "../../lib/users/set-user-disabled";
import { upsertUser } from "../../lib/users/upsert-user";
import { resetDatabase } from "../setup/reset-database";

const jwt = authOptions.callbacks!.jwt!;
type JwtArgs = Parameters<typeof jwt>[0];

async function signedInToken(email: string): Promise<JWT> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const signIn = { id: String(user.id), email, role: user.role, sessionVersion: user.sessionVersion };
  return jwt({ token: { sub: String(user.id), email }, user: signIn, account: null } as unknown as JwtArgs) as Promise<JWT>;
}

const refresh = (token: JWT) => jwt({ token } as unknown as JwtArgs) as Promise<JWT>;

describe("sessions follow the database", () => {
  beforeEach(async () => {
    await resetDatabase();
    await upsertUser({ email: "boss@example.com", password: "boss-passphrase-1", role: "admin" });
  });

  it("keeps a current session and reads the role from the database", async () => {
    const token = await signedInToken("boss@example.com");
    expect((await refresh(token)).role).toBe("admin");
  });

  it("a demoted admin is staff on the next request", async () => {
    const token = await signedInToken("boss@example.com");
    await prisma.user.update({ where: { email: "boss@example.com" }, data: { role: "staff" } });
    expect((await refresh(token)).role).toBe("staff");
  });

  it("a password reset (or a role change through upsert) ends older sessions", async () => {
    const token = await signedInToken("boss@example.com");
    await upsertUser({ email: "boss@example.com", password: "new-boss-passphrase", role: "staff" });
    await expect(refresh(token)).rejects.toThrow(/session ended/);
    const fresh = await signedInToken("boss@example.com");
    expect((await refresh(fresh)).role).toBe("staff");
  });

  it("a disabled or deleted user's session ends", async () => {
    const token = await signedInToken("boss@example.com");
    await setUserDisabled("boss@example.com", true);
    await expect(refresh(token)).rejects.toThrow(/session ended/);
    await setUserDisabled("boss@example.com", false);
    const again = await signedInToken("boss@example.com");
    await prisma.user.delete({ where: { email: "boss@example.com" } });
    await expect(refresh(again)).rejects.toThrow(/session ended/);
  });

  it("a token from before session versions (no stamp) is refused", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    await expect(refresh({ sub: String(user.id), role: "admin" })).rejects.toThrow(/session ended/);
  });
});
