// Where Inngest (or the local executor) reaches this app's serve endpoint.
// It comes from configuration only: left to itself the SDK builds the URL it
// registers from the request's Host / X-Forwarded-* headers, so anyone who can
// send a PUT with a forged Host would redirect every later signed call.

export const INNGEST_SERVE_PATH = "/api/inngest";

/**
 * serve() options from configuration: INNGEST_SERVE_ORIGIN (the platform sets it
 * to the loopback URL the local executor calls), else APP_URL, else NEXTAUTH_URL.
 */
export function inngestServeLocation(env: Record<string, string | undefined> = process.env): { serveOrigin?: string; servePath: string } {
  const configured = env.INNGEST_SERVE_ORIGIN || env.APP_URL || env.NEXTAUTH_URL;
  if (!configured) return { servePath: INNGEST_SERVE_PATH };
  return { serveOrigin: new URL(configured).origin, servePath: INNGEST_SERVE_PATH };
}
