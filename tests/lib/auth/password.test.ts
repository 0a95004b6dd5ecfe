import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../lib/auth/password";
import { constantTimeEqual } from "../../../lib/auth/constant-time-equal";

describe("password hashing", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct hors", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses a malformed stored hash", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});

describe("constantTimeEqual", () => {
  it("matches only identical secrets, whatever their lengths", () => {
    expect(constantTimeEqual("token-1", "token-1")).toBe(true);
    expect(constantTimeEqual("token-1", "token-2")).toBe(false);
    expect(constantTimeEqual("short", "a much longer token")).toBe(false);
  });
});
