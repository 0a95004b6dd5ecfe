import { createHash, createHmac } from "node:crypto";

// The SDK verifies `x-inngest-signature: t=<unix s>&s=<hex>` as
// HMAC-SHA256(key without "signkey-<env>-" prefix, canonicalJSON(body) + t).

/** RFC 8785-style canonical JSON (sorted keys), matching the SDK's `canonicalize`. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

function withoutPrefix(signingKey: string): string {
  return signingKey.replace(/^signkey-[\w]+-/, "");
}

export function signRequestBody(body: unknown, signingKey: string, nowMs = Date.now()): string {
  const ts = Math.round(nowMs / 1000).toString();
  const mac = createHmac("sha256", withoutPrefix(signingKey)).update(canonicalJson(body)).update(ts).digest("hex");
  return `t=${ts}&s=${mac}`;
}

/** What the SDK sends as `Authorization: Bearer ...` when it registers with a signing key. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = signingKey.match(/^signkey-[\w]+-/)?.[0] ?? "";
  return (
    prefix +
    createHash("sha256")
      .update(Buffer.from(withoutPrefix(signingKey), "hex"))
      .digest("hex")
  );
}
