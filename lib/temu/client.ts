// The Temu Open API client: one POST /openapi/router per call, common
// parameters and MD5 sign, the per-app_key limiter before every send, and
// retries by exact error code (lib/temu/errors.ts).
import { kindOfTemuCode, TemuApiError } from "./errors";
import type { ApiCallLog } from "./api-call-log";
import { noApiCallLog } from "./api-call-log";
import type { RateLimiter } from "./rate-limiter";
import { signTemuParams } from "./sign";
import {
  TEMU_TYPES,
  type TemuCredentials,
  type TemuEnvelope,
  type TemuGoodsListResult,
  type TemuOrderDetailResult,
  type TemuOrderListResult,
} from "./types";

export interface TemuClientOptions {
  credentials: TemuCredentials;
  shopId?: number | null;
  limiter: RateLimiter;
  callLog?: ApiCallLog;
  fetch?: typeof fetch;
  /** Seconds since the epoch for `timestamp` (tests skew it). */
  nowSeconds?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts for retryable failures (rate limit, system, network), 5 by default. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  timeoutMs?: number;
}

export interface TemuClient {
  call<T>(type: string, params?: Record<string, unknown>): Promise<T>;
  listOrders(params: {
    pageNumber: number;
    pageSize: number;
    parentOrderStatus?: number;
    updateAtStart?: number;
    updateAtEnd?: number;
  }): Promise<TemuOrderListResult>;
  orderDetail(parentOrderSn: string): Promise<TemuOrderDetailResult>;
  listGoods(params: { pageNo: number; pageSize: number; goodsSearchType?: number }): Promise<TemuGoodsListResult>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function routerUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/openapi/router") ? trimmed : `${trimmed}/openapi/router`;
}

export function createTemuClient(options: TemuClientOptions): TemuClient {
  const { credentials, limiter } = options;
  const callLog = options.callLog ?? noApiCallLog;
  const doFetch = options.fetch ?? fetch;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 8000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = routerUrl(credentials.baseUrl);

  async function once<T>(type: string, params: Record<string, unknown>): Promise<T> {
    const body: Record<string, unknown> = {
      ...params,
      type,
      app_key: credentials.appKey,
      access_token: credentials.accessToken,
      timestamp: nowSeconds(),
      data_type: "JSON",
    };
    body.sign = signTemuParams(body, credentials.appSecret);
    await limiter.acquire(credentials.appKey);
    const startedAt = Date.now();
    const outcome = (ok: boolean, errorCode: number | null) =>
      callLog.record({
        shopId: options.shopId ?? null,
        appKey: credentials.appKey,
        type,
        ok,
        errorCode,
        latencyMs: Date.now() - startedAt,
        at: new Date(startedAt),
      });
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      outcome(false, null);
      throw new TemuApiError("network", `Temu ${type}: ${(error as Error).message}`, null, type);
    }
    let envelope: TemuEnvelope<T> | null = null;
    try {
      envelope = (await response.json()) as TemuEnvelope<T>;
    } catch {
      envelope = null;
    }
    if (!response.ok && !(envelope && typeof envelope.errorCode === "number")) {
      outcome(false, response.status);
      const kind = response.status === 429 || response.status >= 500 ? "system" : "bad_request";
      throw new TemuApiError(kind, `Temu ${type}: HTTP ${response.status}`, response.status, type);
    }
    if (!envelope || envelope.success !== true) {
      const code = typeof envelope?.errorCode === "number" ? envelope.errorCode : 4000000;
      outcome(false, code);
      throw new TemuApiError(kindOfTemuCode(code), `Temu ${type}: ${code} ${envelope?.errorMsg ?? "no answer"}`, code, type);
    }
    outcome(true, null);
    return envelope.result as T;
  }

  async function call<T>(type: string, params: Record<string, unknown> = {}): Promise<T> {
    let clockRetried = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(type, params);
      } catch (error) {
        if (!(error instanceof TemuApiError)) throw error;
        // A skewed clock gets one retry with a fresh timestamp, never a storm.
        if (error.kind === "clock_skew" && !clockRetried) {
          clockRetried = true;
          continue;
        }
        if (!error.retryable || attempt >= maxAttempts) throw error;
        const delay = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attempt - 1));
        await sleep(delay * (0.75 + Math.random() * 0.5));
      }
    }
  }

  return {
    call,
    listOrders: (params) => call<TemuOrderListResult>(TEMU_TYPES.orderList, params),
    orderDetail: (parentOrderSn) => call<TemuOrderDetailResult>(TEMU_TYPES.orderDetail, { parentOrderSn }),
    listGoods: (params) => call<TemuGoodsListResult>(TEMU_TYPES.goodsList, { goodsSearchType: 1, ...params }),
  };
}
