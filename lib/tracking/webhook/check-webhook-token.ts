// Seed 000 §4.2 _check_token: the token comes from the X-Webhook-Token header,
// else query `token` / `t`, else body `token` / `t`, and must equal
// WEBSCRAPER_WEBHOOK_TOKEN or BATCH_STATS_API_TOKEN. Compared in constant
// time against every configured token so timing tells nothing; with no token
// configured every request is refused.
import { constantTimeEqual } from "@/lib/auth/constant-time-equal";

export function pickWebhookToken(sources: { header: string | null; query: URLSearchParams; body: Record<string, unknown> }): string | null {
  const bodyValue = (key: string) => (typeof sources.body[key] === "string" ? (sources.body[key] as string) : null);
  const candidates = [sources.header, sources.query.get("token"), sources.query.get("t"), bodyValue("token"), bodyValue("t")];
  return candidates.find((c): c is string => typeof c === "string" && c !== "") ?? null;
}

export function checkWebhookToken(token: string | null, env: Record<string, string | undefined> = process.env): boolean {
  const valid = [env.WEBSCRAPER_WEBHOOK_TOKEN, env.BATCH_STATS_API_TOKEN].filter((t): t is string => !!t);
  if (!token || valid.length === 0) return false;
  return valid.map((v) => constantTimeEqual(token, v)).reduce((a, b) => a || b, false);
}
