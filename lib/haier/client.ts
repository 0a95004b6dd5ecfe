// HTTP client for Haier's open API (seed 003). OAuth2 client credentials with a
// token cached until shortly before expiry; a 401 re-authenticates once and
// repeats the call; network errors, 5xx and 429 back off exponentially with
// jitter (honouring Retry-After) for a bounded number of attempts. Each call's
// latency is recorded for the seed's "< 5 s average API latency" metric.
import type { HaierConfig } from "./config";
import { HaierApiError } from "./errors";

export const HAIER_ENDPOINTS = {
  products: "/product-info/procurable-products-out/check-procurable-products",
  prices: "/goods-price/price-daily-sales/price-query/pt-out-list-price",
  stock: "/stock/get-available-stock-open",
  logistics: "/logistics/sass/get-thirdparty-logistics-info-by-order-code-auth",
} as const;
export type HaierEndpoint = keyof typeof HAIER_ENDPOINTS;

/** Product codes per product-info or price call (the peer client silently cut requests at 20; we batch explicitly). */
export const CODES_PER_CALL = 20;

export interface CallMetric {
  endpoint: HaierEndpoint | "token";
  latencyMs: number;
  status: number | null;
  attempt: number;
}

/** Shared by the clients of one process so a token outlives one sync step. */
export interface TokenCache {
  token: string | null;
  /** Epoch ms after which the token is not used (expiry minus a margin). */
  refreshAt: number;
}

export function createTokenCache(): TokenCache {
  return { token: null, refreshAt: 0 };
}

export interface HaierClientOptions {
  config: HaierConfig;
  tokenCache?: TokenCache;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Attempts per call for network / 5xx / 429 (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for; the call fails as rate_limit. Default 120 s. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  onCall?: (metric: CallMetric) => void;
  /** Lines without secrets: endpoint, status, attempt, error class. */
  log?: (line: string) => void;
}

export interface HaierEnvelope<T> {
  success: boolean;
  code?: string;
  message?: string;
  data: T;
}

export interface ProductPage {
  list: unknown[];
  total: number;
  pageNo: number;
  pageSize: number;
}

export interface HaierClient {
  getProducts(productCodes: string[]): Promise<unknown[]>;
  listProducts(pageNo: number, pageSize: number): Promise<ProductPage>;
  getPrices(productCodes: string[], priceType?: string): Promise<unknown[]>;
  getStock(productCode: string, countyCode: string): Promise<unknown>;
  getLogistics(orderCode: string): Promise<unknown>;
  /** Calls made and summed latency since creation (token calls included). */
  metrics(): { calls: number; latencyMs: number; reauths: number };
}

function parseRetryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.round(Number(header) * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createHaierClient(options: HaierClientOptions): HaierClient {
  const { config } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tokenCache = options.tokenCache ?? createTokenCache();
  const log = options.log ?? (() => {});
  const totals = { calls: 0, latencyMs: 0, reauths: 0 };
  let pendingToken: Promise<string> | null = null;

  function record(metric: CallMetric) {
    totals.calls++;
    totals.latencyMs += metric.latencyMs;
    options.onCall?.(metric);
  }

  /** One HTTP exchange; network failures and timeouts become HaierApiError("network"). */
  async function exchange(url: string, init: RequestInit, endpoint: CallMetric["endpoint"], attempt: number) {
    const started = now();
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      record({ endpoint, latencyMs: now() - started, status: response.status, attempt });
      return { response, text };
    } catch (error) {
      record({ endpoint, latencyMs: now() - started, status: null, attempt });
      const reason = (error as Error).name === "TimeoutError" ? `timeout after ${timeoutMs} ms` : (error as Error).message;
      throw new HaierApiError("network", `${endpoint}: ${reason}`, { endpoint });
    }
  }

  /** Retries network / 5xx / 429 with exponential backoff and jitter; other outcomes return or throw at once. */
  async function withRetries<T>(endpoint: CallMetric["endpoint"], call: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(attempt);
      } catch (error) {
        if (!(error instanceof HaierApiError) || !error.retryable) throw error;
        const retryAfter = error.details.retryAfterMs;
        if (attempt >= maxAttempts || (retryAfter !== undefined && retryAfter > maxRetryAfterMs)) {
          throw new HaierApiError(error.kind, `${error.message} (gave up after ${attempt} attempts)`, {
            ...error.details,
            attempts: attempt,
          });
        }
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random());
        const delay = Math.max(retryAfter ?? 0, Math.round(backoff));
        log(`[haier] ${endpoint} ${error.kind} (attempt ${attempt}/${maxAttempts}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  function classify(status: number, endpoint: CallMetric["endpoint"], headers: Headers, text: string): HaierApiError {
    const detail = summarize(text);
    if (status === 429) {
      return new HaierApiError("rate_limit", `${endpoint}: 429 rate limited`, {
        status,
        endpoint,
        retryAfterMs: parseRetryAfterMs(headers.get("retry-after"), now()),
      });
    }
    if (status >= 500) return new HaierApiError("server", `${endpoint}: HTTP ${status}${detail}`, { status, endpoint });
    if (status === 401 || status === 403) return new HaierApiError("auth", `${endpoint}: HTTP ${status}${detail}`, { status, endpoint });
    return new HaierApiError("other", `${endpoint}: HTTP ${status}${detail}`, { status, endpoint });
  }

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, grant_type: "client_credentials" });
    return withRetries("token", async (attempt) => {
      const { response, text } = await exchange(
        `${config.tokenUrl}/oauth2/auth`,
        { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" }, body },
        "token",
        attempt,
      );
      if (!response.ok) {
        const error = classify(response.status, "token", response.headers, "");
        // A refused client is an auth failure whatever the status (400 invalid_client, 401).
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          throw new HaierApiError(
            "auth",
            `Haier authentication failed (HTTP ${response.status}): check HAIER_CLIENT_ID / HAIER_CLIENT_SECRET`,
            { status: response.status, endpoint: "token" },
          );
        }
        throw error;
      }
      let parsed: { access_token?: unknown; expires_in?: unknown };
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new HaierApiError("server", "token: answer is not JSON", { endpoint: "token", status: response.status });
      }
      if (typeof parsed.access_token !== "string" || !parsed.access_token) {
        throw new HaierApiError("auth", "Haier authentication failed: no access_token in the answer", { endpoint: "token" });
      }
      const ttlMs = Math.max(1, Number(parsed.expires_in) || 3600) * 1000;
      // Refresh shortly before expiry: 10 % of the lifetime, at most 10 minutes (the peer's margin).
      tokenCache.token = parsed.access_token;
      tokenCache.refreshAt = now() + ttlMs - Math.min(600_000, ttlMs * 0.1);
      return parsed.access_token;
    });
  }

  async function token(forceNew = false): Promise<string> {
    if (!forceNew && tokenCache.token && now() < tokenCache.refreshAt) return tokenCache.token;
    // Concurrent calls share one token request.
    pendingToken ??= fetchToken().finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }

  async function post<T>(endpoint: HaierEndpoint, payload: Record<string, unknown>): Promise<T> {
    const url = `${config.baseUrl}${HAIER_ENDPOINTS[endpoint]}`;
    return withRetries(endpoint, async (attempt) => {
      let reauthenticated = false;
      for (;;) {
        const bearer = await token();
        const { response, text } = await exchange(
          url,
          {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${bearer}` },
            body: JSON.stringify(payload),
          },
          endpoint,
          attempt,
        );
        if (response.status === 401 && !reauthenticated) {
          // Expired or revoked token: authenticate again once and repeat the call.
          reauthenticated = true;
          totals.reauths++;
          if (tokenCache.token === bearer) tokenCache.token = null;
          log(`[haier] ${endpoint} answered 401; re-authenticating once`);
          continue;
        }
        if (!response.ok) throw classify(response.status, endpoint, response.headers, text);
        let envelope: HaierEnvelope<T>;
        try {
          envelope = JSON.parse(text);
        } catch {
          throw new HaierApiError("server", `${endpoint}: answer is not JSON`, { endpoint, status: response.status });
        }
        if (!envelope || envelope.success !== true) {
          throw new HaierApiError(
            "other",
            `${endpoint}: Haier refused the call (${envelope?.code ?? "?"}: ${envelope?.message ?? "no message"})`,
            { endpoint, status: response.status },
          );
        }
        return envelope.data;
      }
    });
  }

  function requireArray(endpoint: HaierEndpoint, data: unknown): unknown[] {
    if (!Array.isArray(data)) throw new HaierApiError("server", `${endpoint}: data is not a list`, { endpoint });
    return data;
  }

  return {
    async getProducts(productCodes) {
      if (productCodes.length > CODES_PER_CALL) throw new RangeError(`at most ${CODES_PER_CALL} product codes per call`);
      const data = await post<unknown>("products", { customerCode: config.customerCode, supplierCode: config.supplierCode, productCodes });
      return requireArray("products", data);
    },
    async listProducts(pageNo, pageSize) {
      const data = await post<ProductPage>("products", {
        customerCode: config.customerCode,
        supplierCode: config.supplierCode,
        productCodes: [],
        pageNo,
        pageSize,
      });
      if (!data || !Array.isArray(data.list)) throw new HaierApiError("server", "products: page has no list", { endpoint: "products" });
      return data;
    },
    async getPrices(productCodes, priceType = "PT") {
      if (productCodes.length > CODES_PER_CALL) throw new RangeError(`at most ${CODES_PER_CALL} product codes per call`);
      const data = await post<unknown>("prices", { customerCode: config.customerCode, productCodes, priceType });
      return requireArray("prices", data);
    },
    getStock: (productCode, countyCode) => post("stock", { salesCode: config.salesCode, productCode, countyCode }),
    getLogistics: (orderCode) => post("logistics", { orderCode, sellerCode: config.sellerCode }),
    metrics: () => ({ ...totals }),
  };
}

function summarize(text: string): string {
  if (!text) return "";
  try {
    const parsed = JSON.parse(text) as { message?: unknown; code?: unknown };
    if (typeof parsed.message === "string") return ` (${parsed.code ?? ""} ${parsed.message})`.replace("( ", "(");
  } catch {
    // not JSON: keep a short prefix only
  }
  return ` (${text.slice(0, 80)})`;
}

const sharedTokenCaches = new Map<string, TokenCache>();

/** A client per call site, one token cache per (token URL, client id) in this process. */
export function haierClientFor(config: HaierConfig, extra: Omit<HaierClientOptions, "config" | "tokenCache"> = {}): HaierClient {
  const key = `${config.tokenUrl}\u0000${config.clientId}`;
  let cache = sharedTokenCaches.get(key);
  if (!cache) sharedTokenCaches.set(key, (cache = createTokenCache()));
  return createHaierClient({ ...extra, config, tokenCache: cache });
}
