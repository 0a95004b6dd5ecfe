// OAuth2 client-credentials tokens as Haier's gateway issues them: opaque,
// expiring after `expires_in` seconds, and void once revoked.
import { randomBytes } from "node:crypto";

export interface TokenStore {
  issue(ttlSeconds: number, now: number): string;
  /** "ok", or why the bearer token is refused. */
  check(token: string | undefined, now: number): "ok" | "missing" | "unknown" | "expired";
  revokeAll(): number;
  issuedCount(): number;
}

export function createTokenStore(): TokenStore {
  const tokens = new Map<string, number>();
  let issued = 0;
  return {
    issue(ttlSeconds, now) {
      const token = randomBytes(20).toString("hex");
      tokens.set(token, now + ttlSeconds * 1000);
      issued++;
      return token;
    },
    check(token, now) {
      if (!token) return "missing";
      const expiresAt = tokens.get(token);
      if (expiresAt === undefined) return "unknown";
      return now >= expiresAt ? "expired" : "ok";
    },
    revokeAll() {
      const count = tokens.size;
      tokens.clear();
      return count;
    },
    issuedCount: () => issued,
  };
}
