// Issue 7 item 3: guessing passwords. Failures are limited per account and per
// address with growing delays kept in the database (so they survive a restart
// and hold across processes), a burst of parallel guesses cannot slip past the
// limit, and an unknown email costs the same hash as a known one.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { authorizeCredentials, TooManySignInAttemptsError } from "../../lib/auth/authorize-credentials";
import { ACCOUNT_LIMITS, ADDRESS_LIMITS } from "../../lib/auth/sign-in-throttle";
import { createPrismaClient, prisma } from "../../lib/db/client";
import { upsertUser } from "../../lib/users/upsert-user";
import { resetDatabase } from "../setup/reset-database";

const EMAIL = "ops@example.com";
const PASSWORD = "the-right-passphrase";

async function attempt(password: string, options: { email?: string; address?: string; now?: Date } = {}) {
  try {
    return (await authorizeCredentials(
      { email: options.email ?? EMAIL, password },
      { address: options.address ?? "203.0.113.7", now: options.now },
    ))
      ? "ok"
      : "wrong";
  } catch (error) {
    if (error instanceof TooManySignInAttemptsError) return "blocked";
    throw error;
  }
}

describe("sign-in brute-force limits", () => {
  beforeEach(async () => {
    await resetDatabase();
    await upsertUser({ email: EMAIL, password: PASSWORD, role: "admin" });
  });

  it("blocks the account after the free failures, even for the right password, with growing delays", async () => {
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    for (let i = 0; i < ACCOUNT_LIMITS.freeFailures; i++) expect(await attempt("wrong-guess-000", { now: at(i) })).toBe("wrong");
    // One more failure is allowed and starts a 1 s block.
    expect(await attempt("wrong-guess-001", { now: at(10) })).toBe("wrong");
    expect(await attempt(PASSWORD, { now: at(20) })).toBe("blocked");
    expect(await attempt(PASSWORD, { now: at(900) })).toBe("blocked");
    // After the block, the next failure blocks for 2 s, then 4 s.
    expect(await attempt("wrong-guess-002", { now: at(1100) })).toBe("wrong");
    expect(await attempt(PASSWORD, { now: at(2900) })).toBe("blocked");
    expect(await attempt("wrong-guess-003", { now: at(3200) })).toBe("wrong");
    expect(await attempt(PASSWORD, { now: at(7000) })).toBe("blocked");
    expect(await attempt(PASSWORD, { now: at(7300) })).toBe("ok");
    // Success clears the account's failures.
    expect(await attempt("wrong-guess-004", { now: at(7400) })).toBe("wrong");
    expect(await attempt(PASSWORD, { now: at(7500) })).toBe("ok");
  });

  it("does not let 50 parallel guesses past the limit, and the right password then fails too", async () => {
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(`wrong-guess-${i}`, { now: new Date(t0 + i) })));
    expect(results.filter((r) => r === "wrong").length).toBeLessThanOrEqual(ACCOUNT_LIMITS.freeFailures + 1);
    expect(results.filter((r) => r === "blocked").length).toBeGreaterThanOrEqual(50 - ACCOUNT_LIMITS.freeFailures - 1);
    // Right after the burst the account is still blocked, whatever the password.
    expect(await attempt(PASSWORD, { now: new Date(t0 + 500) })).toBe("blocked");
  });

  it("keeps the block in the database: another client (a restarted or second app process) sees it", async () => {
    // Explicit clocks: the 1 s block must not run out while a busy machine hashes.
    const t0 = Date.now();
    for (let i = 0; i <= ACCOUNT_LIMITS.freeFailures; i++) await attempt(`wrong-guess-${i}`, { now: new Date(t0 + i) });
    const other = createPrismaClient(process.env.DATABASE_URL);
    try {
      await expect(
        authorizeCredentials({ email: EMAIL, password: PASSWORD }, { address: null, db: other, now: new Date(t0 + 500) }),
      ).rejects.toBeInstanceOf(TooManySignInAttemptsError);
    } finally {
      await other.$disconnect();
    }
  });

  it("limits one address guessing across many accounts (password spraying)", async () => {
    const t0 = Date.now();
    for (let i = 0; i <= ADDRESS_LIMITS.freeFailures; i++) {
      expect(await attempt("spray-password-1", { email: `user${i}@example.com`, address: "198.51.100.9", now: new Date(t0 + i) })).toBe(
        "wrong",
      );
    }
    expect(await attempt(PASSWORD, { address: "198.51.100.9", now: new Date(t0 + 500) })).toBe("blocked");
    // Another address is not affected.
    expect(await attempt(PASSWORD, { address: "198.51.100.10", now: new Date(t0 + 600) })).toBe("ok");
  });

  it("blocks unknown emails the same way, so the lock reveals nothing", async () => {
    const t0 = Date.now();
    for (let i = 0; i <= ACCOUNT_LIMITS.freeFailures; i++) {
      expect(await attempt(`guess-${i}-xxxxxxxx`, { email: "nobody@example.com", now: new Date(t0 + i) })).toBe("wrong");
    }
    expect(await attempt("guess-x-xxxxxxxx", { email: "nobody@example.com", now: new Date(t0 + 500) })).toBe("blocked");
  });

  it("spends about the same time on an unknown email as on a known one", async () => {
    const time = async (email: string, address: string) => {
      const start = performance.now();
      await attempt("not-the-password", { email, address });
      return performance.now() - start;
    };
    await time("warmup@example.com", "192.0.2.1");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(EMAIL, `192.0.2.${10 + i}`));
      unknown.push(await time(`nobody${i}@example.com`, `192.0.2.${20 + i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    // Before: 10 ms for an unknown email vs 231 ms for a known one. Now both pay one scrypt hash.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it("refuses disabled accounts", async () => {
    await prisma.user.update({ where: { email: EMAIL }, data: { disabled: true } });
    expect(await attempt(PASSWORD)).toBe("wrong");
  });
});

afterAll(async () => {
  await resetDatabase();
});
