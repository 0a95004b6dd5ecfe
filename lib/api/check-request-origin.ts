// CSRF defence for the staff API. The session cookie is SameSite=Lax, which
// lets any same-site origin (another port, a sibling subdomain) post with it;
// so every state-changing request must come from the app's own origin, as
// configured (NEXTAUTH_URL) — never as the Host or X-Forwarded-* headers claim.
// Browsers send Origin on every cross-origin POST/PUT/PATCH/DELETE (and
// Sec-Fetch-Site on all requests). A write with neither is refused too: the
// rule is "must come from the app's origin", not "must not come from another"
// (old browsers, privacy extensions and proxies that strip one header still
// leave nothing to vouch for the request). Scripts that call the staff API
// send `Origin: <the app's URL>`, as the app's own pages do. Routes that
// authenticate themselves — the WebScraper.io webhook (its token), the Inngest
// serve endpoint (its signature) and NextAuth's own routes (its CSRF token) —
// do not go through this check.
import { ApiError, forbidden } from "./errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type BodyKind = "json" | "multipart";

export function configuredAppOrigin(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.NEXTAUTH_URL ?? env.APP_URL;
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

/** Throws 403 for a cross-origin state-changing request, 415 for a body the route does not read. */
export function checkRequestOrigin(req: Request, body: BodyKind, env: Record<string, string | undefined> = process.env): void {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return;

  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (origin !== null) {
    const appOrigin = configuredAppOrigin(env);
    if (!appOrigin || origin !== appOrigin) throw forbidden("Cross-origin request refused", { code: "cross_origin_refused" });
  } else if (fetchSite === null) {
    throw forbidden("A state-changing request must carry an Origin (or Sec-Fetch-Site) header of this app", { code: "origin_required" });
  } else if (fetchSite !== "same-origin") {
    throw forbidden("Cross-origin request refused", { code: "cross_origin_refused" });
  }

  // Forms can post text/plain, urlencoded and multipart bodies cross-site without a preflight;
  // a JSON route accepts only application/json, so a form can never reach it.
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "") return;
  const accepted = body === "json" ? type === "application/json" || type.endsWith("+json") : type === "multipart/form-data";
  if (!accepted) {
    const expected = body === "json" ? "application/json" : "multipart/form-data";
    throw new ApiError(415, `The body must be ${expected}`, "unsupported_media_type", {}, { type: expected });
  }
}
