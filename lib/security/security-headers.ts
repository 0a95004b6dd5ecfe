// Response headers for every page and API answer (next.config.ts headers()).
// Next.js streams its page data in inline <script> tags, so script-src keeps
// 'unsafe-inline' (a nonce would force every page through a proxy and dynamic
// rendering); everything else is locked to this origin, and no page may be
// framed, which is what stops clickjacking of the admin actions.

export function contentSecurityPolicy(mode: "production" | "development" = "production"): string {
  const scriptSrc = ["'self'", "'unsafe-inline'", ...(mode === "development" ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${mode === "development" ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(mode: "production" | "development" = "production"): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(mode) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
