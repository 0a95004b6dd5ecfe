import { createHash, randomBytes } from "node:crypto";

// Crockford base32, as ULIDs use it: ids sort by creation time, which keeps
// "newest first" listings and cursors simple.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeBytes(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i % bytes.length] % 32];
  return out;
}

export function newId(now = Date.now()): string {
  return encodeTime(now) + encodeBytes(randomBytes(16), 16);
}

/**
 * The SDK sends `x-inngest-event-id-seed: <ms>,<entropy>` and retries a failed
 * send with the same seed, so ids derived from it make a retried send land on
 * the same rows instead of duplicating events.
 */
export function idFromSeed(seed: string, index: number): string | undefined {
  const [msText, entropy] = seed.split(",");
  const ms = Number(msText);
  if (!Number.isFinite(ms) || !entropy) return undefined;
  const digest = createHash("sha256").update(`${entropy}:${index}`).digest();
  return encodeTime(ms) + encodeBytes(digest, 16);
}
