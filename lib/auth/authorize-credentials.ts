// The sign-in check behind next-auth's credentials provider. Every attempt
// costs one scrypt hash whether or not the account exists (a dummy hash for
// unknown or disabled accounts), so timing does not tell which emails have
// accounts; attempts are limited per account and per client address.
import { prisma, type Db } from "../db/client";
import { hashPassword, verifyPassword } from "./password";
import { ACCOUNT_LIMITS, ADDRESS_LIMITS, accountKey, addressKey, beginSignInAttempt, recordSignInSuccess } from "./sign-in-throttle";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "staff";
  sessionVersion: number;
}

/** Thrown (and shown to the user) while too many failed attempts block the account or address. */
export class TooManySignInAttemptsError extends Error {
  constructor(readonly retryAfterMs: number) {
    super("TooManyAttempts");
    this.name = "TooManySignInAttemptsError";
  }
}

let dummyHash: Promise<string> | undefined;
/** A hash with the same cost as real ones, checked for accounts that do not exist. */
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`no-such-account-${Math.random()}`);
  return dummyHash;
}

export async function authorizeCredentials(
  input: { email: string; password: string },
  options: { address: string | null; db?: Db; now?: Date } = { address: null },
): Promise<SignedInUser | null> {
  const db = options.db ?? prisma;
  const now = options.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const password = input.password.trim();
  const keys = { account: accountKey(email), address: options.address ? addressKey(options.address) : null };

  const dummy = getDummyHash();
  const checks = [beginSignInAttempt(keys.account, ACCOUNT_LIMITS, now, db)];
  if (keys.address) checks.push(beginSignInAttempt(keys.address, ADDRESS_LIMITS, now, db));
  const refused = (await Promise.all(checks)).filter((c) => !c.allowed);
  if (refused.length > 0) throw new TooManySignInAttemptsError(Math.max(...refused.map((r) => r.retryAfterMs)));

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user && !user.disabled ? user.passwordHash : await dummy);
  if (!user || user.disabled || !valid) return null;

  await recordSignInSuccess(keys, db);
  return { id: String(user.id), email: user.email, name: user.name ?? user.email, role: user.role, sessionVersion: user.sessionVersion };
}

/**
 * The client's address for the per-address limit. Next.js fills X-Forwarded-For
 * from the socket only when the request has none, so without a trusted proxy
 * in front a client can choose this value: it then only slows careless
 * attackers, and the per-account limit is what holds. Behind N proxies that
 * append the address they saw (TRUSTED_PROXY_HOPS=N), the Nth entry from the
 * right is the one a client cannot forge.
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  trustedProxyHops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0),
): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const hops = Number.isInteger(trustedProxyHops) && trustedProxyHops > 0 ? trustedProxyHops : 1;
  return (entries[entries.length - hops] ?? entries[0]).slice(0, 100);
}
