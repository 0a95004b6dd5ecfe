import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { verifyPassword } from "../../../lib/auth/password";
import { upsertUser } from "../../../lib/users/upsert-user";
import { resetDatabase } from "../../setup/reset-database";

describe("upsertUser", () => {
  beforeEach(resetDatabase);

  it("creates a user, then resets the password and role of the same email", async () => {
    await upsertUser({ email: "Ops@Example.com", password: "first-pass", role: "staff" });
    await upsertUser({ email: "ops@example.com", password: "second-pass", role: "admin" });
    const users = await prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0].email).toBe("ops@example.com");
    expect(users[0].role).toBe("admin");
    expect(await verifyPassword("second-pass", users[0].passwordHash)).toBe(true);
  });

  it("rejects a short password with a clear message", async () => {
    await expect(upsertUser({ email: "a@b.co", password: "short" })).rejects.toThrow(/at least 8 characters/);
  });
});
