import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { verifyPassword } from "../../../lib/auth/password";
import { setUserDisabled } from "../../../lib/users/set-user-disabled";
import { upsertUser } from "../../../lib/users/upsert-user";
import { resetDatabase } from "../../setup/reset-database";

describe("upsertUser", () => {
  beforeEach(resetDatabase);

  it("creates a user, then resets the password and role of the same email, raising its session version", async () => {
    await upsertUser({ email: "Ops@Example.com", password: "first-passphrase", role: "staff" });
    const created = await prisma.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    await upsertUser({ email: "ops@example.com", password: "second-passphrase", role: "admin" });
    const users = await prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0].email).toBe("ops@example.com");
    expect(users[0].role).toBe("admin");
    expect(users[0].sessionVersion).toBe(created.sessionVersion + 1);
    expect(await verifyPassword("second-passphrase", users[0].passwordHash)).toBe(true);
  });

  it("rejects a short password with a clear message", async () => {
    await expect(upsertUser({ email: "a@b.co", password: "short" })).rejects.toThrow(/at least 12 characters/);
  });

  it("trims the password and refuses common ones and padded short ones", async () => {
    await expect(upsertUser({ email: "a@b.co", password: "Password1234" })).rejects.toThrow(/too common/);
    await expect(upsertUser({ email: "a@b.co", password: "   short-pass   " })).rejects.toThrow(/at least 12 characters/);
    await expect(upsertUser({ email: "a@b.co", password: "aaaaaaaaaaaab" })).rejects.toThrow(/too few characters/);
    await upsertUser({ email: "a@b.co", password: "  spaced passphrase  " });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "a@b.co" } });
    expect(await verifyPassword("spaced passphrase", user.passwordHash)).toBe(true);
  });

  it("disables an account and raises its session version", async () => {
    await upsertUser({ email: "a@b.co", password: "a-fine-passphrase" });
    const disabled = await setUserDisabled("A@B.co", true);
    expect(disabled.disabled).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "a@b.co" } })).sessionVersion).toBe(1);
    expect((await setUserDisabled("a@b.co", false)).disabled).toBe(false);
  });
});
