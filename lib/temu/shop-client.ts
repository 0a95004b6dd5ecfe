// Builds a shop's client from its stored credentials; the one place that reads them.
import type { Db } from "../db/client";
import { createDbApiCallLog, type ApiCallLog } from "./api-call-log";
import { createTemuClient, type TemuClient, type TemuClientOptions } from "./client";
import { TemuApiError } from "./errors";
import { createDbRateLimiter, type RateLimiter } from "./rate-limiter";

export interface ShopCredentialFields {
  id: number;
  shopId: string;
  appKey: string | null;
  appSecret: string | null;
  accessToken: string | null;
  apiBaseUrl: string | null;
}

export type ClientForShop = (shop: ShopCredentialFields) => TemuClient;

export interface TemuDeps {
  db: Db;
  clientFor: ClientForShop;
  callLog: ApiCallLog;
  now: () => Date;
}

export function defaultTemuBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.TEMU_API_BASE_URL?.trim() || "https://openapi-b-us.temu.com";
}

export function createTemuDeps(
  db: Db,
  overrides: { limiter?: RateLimiter; callLog?: ApiCallLog; client?: Partial<TemuClientOptions>; now?: () => Date } = {},
): TemuDeps {
  const limiter = overrides.limiter ?? createDbRateLimiter(db);
  const callLog = overrides.callLog ?? createDbApiCallLog(db);
  return {
    db,
    callLog,
    now: overrides.now ?? (() => new Date()),
    clientFor(shop) {
      if (!shop.appKey || !shop.appSecret || !shop.accessToken) {
        throw new TemuApiError("auth", `shop ${shop.shopId} has no Temu credentials; add app_key, app_secret and access_token`);
      }
      return createTemuClient({
        credentials: {
          appKey: shop.appKey,
          appSecret: shop.appSecret,
          accessToken: shop.accessToken,
          baseUrl: shop.apiBaseUrl || defaultTemuBaseUrl(),
        },
        shopId: shop.id,
        limiter,
        callLog,
        ...overrides.client,
      });
    },
  };
}

/** "abcd…wxyz" — enough to tell credentials apart on a page, never enough to use them. */
export function maskSecret(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length <= 8) return "••••";
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}
