// Temu Open API simulator: POST /openapi/router with the gateway checks of the
// partner documentation (common parameters, MD5 sign, ±300 s timestamp, token,
// 20 requests/second per app_key) in front of bg.order.list.v2.get,
// bg.order.detail.v2.get and bg.local.goods.list.query over deterministic shops.
import { createHash } from "node:crypto";
import { signTemuParams } from "../../../temu/sign";
import { createSimulatorServer, seedFor, type SimulatorServer } from "../framework/server";
import { hashString } from "../framework/random";
import type { FaultConfig, RecordedRequest } from "../framework/types";
import { buildOrderLives, packageVisible, viewAt, type OrderLife, type OrderView, type SimulatedShopConfig } from "./orders";

export interface TemuSimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  log?: (line: string) => void;
  /** Shops to serve; default: demoTemuShops(seed, orderCounts). */
  shops?: SimulatedShopConfig[];
  /** Orders per demo shop (default 12,000, 8,000, 5,000). */
  orderCounts?: number[];
  /** Requests per second per app_key before 4000004 (20). */
  ratePerAppKey?: number;
  /** Allowed timestamp skew in seconds (300). */
  timestampToleranceSeconds?: number;
  faults?: Partial<FaultConfig>;
}

export interface TemuSimulator {
  readonly name: "temu";
  readonly url: string;
  readonly port: number;
  readonly server: SimulatorServer;
  readonly requests: readonly RecordedRequest[];
  readonly shops: SimulatedShopConfig[];
  /** Simulated time in seconds (real time plus the advanced offset). */
  nowSeconds(): number;
  advance(seconds: number): void;
  setTokenExpired(shopId: string, expired: boolean): void;
  setFaults(partial: Partial<FaultConfig>): FaultConfig;
  /** Accepted calls per app_key in the trailing second's log, for tests: every accepted call's time in ms. */
  acceptedCallTimes(appKey: string): number[];
  /** Orders of a shop as the API would show them now. */
  ordersOf(shopId: string): OrderView[];
  env(): Record<string, string>;
  stop(): Promise<void>;
}

const GATEWAY_ERRORS: Record<number, string> = {
  3000000: "BAD_PARAMS",
  3000001: "SIGN_UNVALID",
  3000002: "there is no type in body.",
  3000003: "type not exists",
  3000010: "there is no timestamp in body.",
  3000011: "timestamp is invalid.",
  3000012: "timestamp is expired.",
  3000013: "there is no data_type in body.",
  3000014: "data_type is invalid",
  3000025: "there is no app_key in body.",
  3000026: "app_key not exists.",
  3000030: "there is no access_token in body.",
  3000031: "access_token not exists.",
  3000033: "access_token and app_key are not mapping.",
  3000034: "access_token is expired or have been refreshed, please contact seller to share the new access_token with you.",
  3000040: "there is no sign in body.",
  4000000: "SYSTEM_EXCEPTION",
  4000004: "RATE_LIMIT_EXCEED_EXCEPTION",
};

export const temuError = (code: number, message = GATEWAY_ERRORS[code] ?? "BUSINESS_EXCEPTION") => ({
  success: false,
  errorCode: code,
  errorMsg: message,
  result: null,
});

const ok = (result: unknown) => ({ success: true, errorCode: 1000000, errorMsg: "", result });

function deterministicKey(seed: number, label: string, length: number): string {
  return createHash("md5").update(`${seed}:${label}`).digest("hex").slice(0, length);
}

/** Three shops with tens of thousands of orders between them; credentials derive from the seed. */
export function demoTemuShops(seed = 1, orderCounts: number[] = [12_000, 8_000, 5_000]): SimulatedShopConfig[] {
  return orderCounts.map((orderCount, i) => ({
    shopId: `6355177268${String(20718 + i * 1111)}`,
    name: ["Tokyo Gadgets US", "Osaka Home EU", "Kyoto Outdoor Global"][i] ?? `Demo shop ${i + 1}`,
    appKey: deterministicKey(seed, `app_key:${i}`, 32),
    appSecret: deterministicKey(seed, `app_secret:${i}`, 32) + deterministicKey(seed, `app_secret2:${i}`, 8),
    accessToken: deterministicKey(seed, `token:${i}`, 32) + deterministicKey(seed, `token2:${i}`, 24),
    orderCount,
    goodsCount: 120 + i * 40,
  }));
}

interface ShopState {
  config: SimulatedShopConfig;
  lives: OrderLife[]; // createTime ascending
  byParent: Map<string, OrderLife>;
}

export async function startTemuSimulator(options: TemuSimulatorOptions = {}): Promise<TemuSimulator> {
  const seed = options.seed ?? 1;
  const shops = options.shops ?? demoTemuShops(seed, options.orderCounts);
  const rate = options.ratePerAppKey ?? 20;
  const tolerance = options.timestampToleranceSeconds ?? 300;
  const startSeconds = Math.floor(Date.now() / 1000);
  let offsetSeconds = 0;
  const nowSeconds = () => Math.floor(Date.now() / 1000) + offsetSeconds;

  const states = new Map<string, ShopState>(); // by access_token
  const appSecrets = new Map<string, string>();
  for (const config of shops) {
    const lives = buildOrderLives(config, seed, startSeconds);
    states.set(config.accessToken, { config, lives, byParent: new Map(lives.map((life) => [life.parentOrderSn, life])) });
    appSecrets.set(config.appKey, config.appSecret);
  }

  // Sliding one-second log of accepted calls per app_key.
  const accepted = new Map<string, number[]>();
  const acceptedHistory = new Map<string, number[]>();
  function admit(appKey: string): boolean {
    const now = Date.now();
    const log = (accepted.get(appKey) ?? []).filter((t) => t > now - 1000);
    if (log.length >= rate) {
      accepted.set(appKey, log);
      return false;
    }
    log.push(now);
    accepted.set(appKey, log);
    const history = acceptedHistory.get(appKey) ?? [];
    history.push(now);
    if (history.length > 20_000) history.splice(0, history.length - 20_000);
    acceptedHistory.set(appKey, history);
    return true;
  }

  // The views of a shop at one simulated second, newest created first (the API's default sort).
  const snapshotCache = new Map<string, { at: number; views: OrderView[] }>();
  function viewsOf(state: ShopState, now: number): OrderView[] {
    const cached = snapshotCache.get(state.config.shopId);
    if (cached && cached.at === now) return cached.views;
    const views: OrderView[] = [];
    for (let i = state.lives.length - 1; i >= 0; i--) {
      const view = viewAt(state.lives[i], now);
      if (view) views.push(view);
    }
    snapshotCache.set(state.config.shopId, { at: now, views });
    return views;
  }

  function childJson(view: OrderView, withPackage: boolean, now: number) {
    const life = view.life;
    return life.children.map((child) => ({
      orderSn: child.orderSn,
      goodsId: child.goodsId,
      goodsName: child.goodsName,
      skuId: child.skuId,
      orderStatus: view.status,
      quantity: child.quantity,
      fulfillmentType: "fulfillBySeller",
      ...(withPackage
        ? {
            orderCreateTime: life.createTime,
            orderShippingTime: life.shippedAt !== null && life.shippedAt <= now ? life.shippedAt : undefined,
            packageSnInfo:
              (view.status === 4 || view.status === 5) && packageVisible(life, now)
                ? [{ packageSn: life.packageSn, packageDeliveryType: 1, callSuccess: true }]
                : [],
          }
        : {}),
    }));
  }

  function parentJson(view: OrderView) {
    return {
      parentOrderSn: view.life.parentOrderSn,
      parentOrderStatus: view.status,
      parentOrderTime: view.life.createTime,
      updateTime: view.updateTime,
      expectShipLatestTime: view.life.createTime + 3 * 86_400,
      ...(view.life.shippedAt !== null && view.status >= 4 && view.status !== 41 ? { parentShippingTime: view.life.shippedAt } : {}),
    };
  }

  const int = (value: unknown): number | undefined => {
    if (value === undefined || value === null || value === "") return undefined;
    const n = Number(value);
    return Number.isInteger(n) ? n : NaN;
  };

  function orderList(state: ShopState, body: Record<string, unknown>) {
    const pageNumber = int(body.pageNumber) ?? 1;
    const pageSize = int(body.pageSize) ?? 10;
    const status = int(body.parentOrderStatus) ?? 0;
    const start = int(body.updateAtStart);
    const end = int(body.updateAtEnd);
    if ([pageNumber, pageSize, status, start, end].some((v) => Number.isNaN(v)) || pageNumber < 1 || pageSize < 1 || pageSize > 100) {
      return temuError(3000000, "BAD_PARAMS: pageNumber ≥ 1, 1 ≤ pageSize ≤ 100");
    }
    if ((start === undefined) !== (end === undefined)) return temuError(3000000, "BAD_PARAMS: updateAtStart and updateAtEnd go together");
    const now = nowSeconds();
    let views = viewsOf(state, now);
    if (start !== undefined && end !== undefined) views = views.filter((v) => v.updateTime >= start && v.updateTime <= end);
    if (status !== 0) views = views.filter((v) => v.status === status);
    if (body.sortby === "updateTime") views = [...views].sort((a, b) => b.updateTime - a.updateTime);
    const page = views.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      totalItemNum: views.length,
      pageItems: page.map((view) => ({ parentOrderMap: parentJson(view), orderList: childJson(view, false, now) })),
    });
  }

  function orderDetail(state: ShopState, body: Record<string, unknown>) {
    const sn = typeof body.parentOrderSn === "string" ? body.parentOrderSn : "";
    if (!sn) return temuError(3000000, "BAD_PARAMS: parentOrderSn is required");
    const now = nowSeconds();
    const life = state.byParent.get(sn);
    const view = life ? viewAt(life, now) : null;
    if (!view) return temuError(2000000, `order ${sn} not found`);
    return ok({ parentOrderMap: parentJson(view), orderList: childJson(view, true, now) });
  }

  function goodsList(state: ShopState, body: Record<string, unknown>) {
    // The goods list pages with pageNo (PEERS.md: a wrong name silently gives page 1 on Temu; here it is refused).
    if (body.pageNumber !== undefined && body.pageNo === undefined)
      return temuError(3000000, "BAD_PARAMS: the goods list pages with pageNo");
    const pageNo = int(body.pageNo);
    const pageSize = int(body.pageSize);
    if (
      pageNo === undefined ||
      pageSize === undefined ||
      Number.isNaN(pageNo) ||
      Number.isNaN(pageSize) ||
      pageNo < 1 ||
      pageSize < 1 ||
      pageSize > 100
    ) {
      return temuError(3000000, "BAD_PARAMS: pageNo and pageSize (≤ 100) are required");
    }
    if (int(body.goodsSearchType) === undefined) return temuError(3000000, "BAD_PARAMS: goodsSearchType is required");
    const count = state.config.goodsCount ?? 100;
    const total = count;
    const goodsList = [];
    for (let i = (pageNo - 1) * pageSize; i < Math.min(total, pageNo * pageSize); i++) {
      const h = hashString(`${seed}:${state.config.shopId}:goods:${i}`);
      goodsList.push({
        goodsId: 601_099_500_000_000 + i,
        goodsName: `Goods ${i + 1} of ${state.config.name}`,
        outGoodsSn: `SKU-${state.config.shopId.slice(-4)}-${String(i + 1).padStart(4, "0")}`,
        catId: 20_000 + (h % 50),
        price: ((h % 9000) / 100 + 5).toFixed(2),
        currency: "USD",
        quantity: h % 500,
        thumbUrl: `https://img.example.invalid/goods/${i + 1}.jpg`,
        skuInfoList: [{ skuId: 17_592_352_000_000 + i, outSkuSn: `SKU-${i + 1}-A` }],
      });
    }
    return ok({ goodsList, pageNo, total });
  }

  function router(body: unknown): unknown {
    if (typeof body !== "object" || body === null || Array.isArray(body)) return temuError(3000000, "BAD_PARAMS: JSON body expected");
    const params = body as Record<string, unknown>;
    if (!params.type) return temuError(3000002);
    if (params.timestamp === undefined || params.timestamp === "") return temuError(3000010);
    if (!params.data_type) return temuError(3000013);
    if (String(params.data_type).toLowerCase() !== "json") return temuError(3000014);
    if (!params.app_key) return temuError(3000025);
    if (!params.sign) return temuError(3000040);
    const secret = appSecrets.get(String(params.app_key));
    if (!secret) return temuError(3000026);
    if (signTemuParams(params, secret) !== params.sign) return temuError(3000001);
    const timestamp = Number(params.timestamp);
    const wall = Math.floor(Date.now() / 1000);
    if (!/^\d{10}$/.test(String(params.timestamp)) || timestamp > wall + tolerance) return temuError(3000011);
    if (timestamp < wall - tolerance) return temuError(3000012);
    if (!params.access_token) return temuError(3000030);
    const state = states.get(String(params.access_token));
    if (!state) return temuError(3000031);
    if (state.config.appKey !== params.app_key) return temuError(3000033);
    if (state.config.tokenExpired) return temuError(3000034);
    if (!admit(String(params.app_key))) return temuError(4000004);
    switch (params.type) {
      case "bg.order.list.v2.get":
        return orderList(state, params);
      case "bg.order.detail.v2.get":
        return orderDetail(state, params);
      case "bg.local.goods.list.query":
        return goodsList(state, params);
      default:
        return temuError(3000003);
    }
  }

  const server = await createSimulatorServer({
    name: "temu",
    seed: seedFor("temu", seed),
    port: options.port,
    host: options.host,
    faults: options.faults,
    // Injected 5xx answers carry Temu's system error as well.
    errorBody: (status) => temuError(status === 429 ? 4000004 : 4000000),
    routes: [{ method: "POST", path: "/openapi/router", handler: (request) => ({ body: router(request.body) }) }],
    adminRoutes: [
      { method: "GET", path: "/__simulator/clock", handler: () => ({ body: { nowSeconds: nowSeconds(), offsetSeconds } }) },
      {
        method: "POST",
        path: "/__simulator/clock",
        handler: (request) => {
          const advance = Number((request.body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds ?? 0);
          if (!Number.isFinite(advance)) return { status: 400, body: temuError(3000000, "advanceSeconds must be a number") };
          offsetSeconds += advance;
          return { body: { nowSeconds: nowSeconds(), offsetSeconds } };
        },
      },
      {
        method: "GET",
        path: "/__simulator/shops",
        // Operator view: which shops exist (credentials are the simulator's own, generated from the seed).
        handler: () => ({
          body: shops.map((s) => ({ shopId: s.shopId, name: s.name, orderCount: s.orderCount, tokenExpired: !!s.tokenExpired })),
        }),
      },
    ],
  });

  return {
    name: "temu",
    url: server.url,
    port: server.port,
    server,
    get requests() {
      return server.requests;
    },
    shops,
    nowSeconds,
    advance(seconds: number) {
      offsetSeconds += seconds;
    },
    setTokenExpired(shopId: string, expired: boolean) {
      const shop = shops.find((s) => s.shopId === shopId);
      if (shop) shop.tokenExpired = expired;
    },
    setFaults: (partial) => server.setFaults(partial),
    acceptedCallTimes: (appKey) => [...(acceptedHistory.get(appKey) ?? [])],
    ordersOf(shopId: string) {
      const state = [...states.values()].find((s) => s.config.shopId === shopId);
      return state ? viewsOf(state, nowSeconds()) : [];
    },
    env: () => ({ TEMU_API_BASE_URL: server.url }),
    stop: () => server.stop(),
  };
}
