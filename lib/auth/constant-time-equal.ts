import { createHash, timingSafeEqual } from "node:crypto";

/** Compares two secrets without leaking their length or common prefix through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
