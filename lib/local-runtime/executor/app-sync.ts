import { registerBodySchema, type FunctionRegistry } from "./function-registry";

// Syncing = asking the app for its functions. The SDK answers a PUT either
// in-band (the function list in the response, when we send
// x-inngest-sync-kind: in_band) or out-of-band (it POSTs /fn/register to us
// and then answers the PUT); both end in FunctionRegistry.register.

export async function syncApp(options: {
  appServeUrl: string;
  registry: FunctionRegistry;
  signRequest?: (body: unknown) => string | undefined;
  onRegistered: () => Promise<void>;
  timeoutMs?: number;
}): Promise<{ functionCount: number }> {
  const body = { url: options.appServeUrl };
  const signature = options.signRequest?.(body);
  const response = await fetch(options.appServeUrl, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      "x-inngest-sync-kind": "in_band",
      "x-inngest-server-kind": "dev",
      ...(signature ? { "x-inngest-signature": signature } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`app sync failed with HTTP ${response.status}: ${text.slice(0, 500)}`);
  if (response.headers.get("x-inngest-sync-kind") === "in_band") {
    const parsed = JSON.parse(text) as { app_id?: string; url?: string; functions?: unknown };
    const registered = await options.registry.register(
      registerBodySchema.parse({ url: parsed.url ?? options.appServeUrl, appName: parsed.app_id, functions: parsed.functions ?? [] }),
    );
    await options.onRegistered();
    return { functionCount: registered.length };
  }
  // Out-of-band: the app has already called POST /fn/register during this PUT.
  return { functionCount: options.registry.all().length };
}
