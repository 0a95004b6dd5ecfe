import { createHash, timingSafeEqual } from "node:crypto";

// The executor's own copy (lib/auth has the app's): this folder imports nothing outside itself.
/** Compares two secrets without leaking their length or common prefix through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
