// Brute-force limits for sign-in, per account and per client address. Each
// attempt is counted before the password is checked (one atomic statement), so
// a burst of parallel guesses cannot slip past the limit; a successful sign-in
// takes its attempt back. After the free failures every further failure
// blocks the key for twice as long as the last one (1 s, 2 s, 4 s … up to
// 15 min); failures older than the window are forgotten. Rows live in the
// database, so restarts and several app processes share them.
import { randomUUID } from "node:crypto";
import { prisma, type Db } from "../db/client";

export interface ThrottleLimits {
  /** Failures allowed before delays start. */
  freeFailures: number;
}

export const ACCOUNT_LIMITS: ThrottleLimits = { freeFailures: 5 };
// An office behind one address has many staff; the address limit is looser.
export const ADDRESS_LIMITS: ThrottleLimits = { freeFailures: 20 };
export const MAX_BLOCK_SECONDS = 15 * 60;
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

export interface AttemptResult {
  allowed: boolean;
  /** When refused: how long until the next attempt is possible. */
  retryAfterMs: number;
}

/** Counts one attempt for the key; refused (and not counted) while the key is blocked. */
export async function beginSignInAttempt(key: string, limits: ThrottleLimits, now = new Date(), db: Db = prisma): Promise<AttemptResult> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const attemptId = randomUUID();
  // In ON CONFLICT … DO UPDATE every expression reads the row as it was, under its lock.
  const rows = await db.$queryRaw<{ lastAttemptId: string | null; blockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" AS t ("key", "failures", "lastFailureAt", "blockedUntil", "lastAttemptId")
    VALUES (${key}, 1, ${now}::timestamp(3), NULL, ${attemptId})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE
        WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."failures"
        WHEN t."lastFailureAt" < ${windowStart}::timestamp(3) THEN 1
        ELSE t."failures" + 1 END,
      "lastFailureAt" = CASE WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."lastFailureAt" ELSE ${now}::timestamp(3) END,
      "lastAttemptId" = CASE WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."lastAttemptId" ELSE ${attemptId} END,
      "blockedUntil" = CASE
        WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."blockedUntil"
        WHEN t."lastFailureAt" >= ${windowStart}::timestamp(3) AND t."failures" + 1 > ${limits.freeFailures}
          THEN ${now}::timestamp(3) + LEAST(${MAX_BLOCK_SECONDS}, power(2, t."failures" - ${limits.freeFailures})) * interval '1 second'
        ELSE NULL END
    RETURNING "lastAttemptId", "blockedUntil"`;
  const row = rows[0];
  if (row.lastAttemptId === attemptId) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(0, (row.blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) };
}

/** A successful sign-in: the account starts afresh; the address gets its attempt back. */
export async function recordSignInSuccess(keys: { account: string; address: string | null }, db: Db = prisma): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
  if (keys.address) {
    await db.$executeRaw`
      UPDATE "SignInThrottle" SET "failures" = GREATEST(0, "failures" - 1)
      WHERE "key" = ${keys.address} AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${new Date()}::timestamp(3))`;
  }
}
