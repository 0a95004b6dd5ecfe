// The webhook URL carries the credential (WeCom `key`, DingTalk `access_token`,
// Slack's path) and the DingTalk secret signs requests: both are shown to the
// admin only masked, enough to recognise which one is stored.

/** "SECabcdef…1234" → "SEC…1234"; short values become all dots. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (!secret) return null;
  if (secret.length <= 8) return "••••";
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}

/** Keeps scheme, host and the first path segment; every query value and the rest of the path are masked. */
export function maskWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "••••";
  }
  const segments = url.pathname.split("/").filter(Boolean);
  const path = segments.length > 1 ? `/${segments[0]}/…${(segments.at(-1) ?? "").slice(-4)}` : url.pathname;
  const query = [...url.searchParams.entries()].map(([k, v]) => `${k}=${v.length > 4 ? `…${v.slice(-4)}` : "…"}`).join("&");
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`;
}
