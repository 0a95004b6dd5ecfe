// The four seed-003 endpoints plus the token endpoint and the image host.
// Envelope: {success, code, message, data}; code "00000" is success.
import type { RouteDefinition, SimulatorRequest, SimulatorResponse } from "../framework/types";
import { indexOfCode, imageColour, priceDay, priceRecord, productCodeAt, productRecord, stockRecord } from "./catalogue";
import { solidGreyJpeg, solidPng } from "./images";
import type { HaierBehaviour } from "./options";
import type { TokenStore } from "./tokens";

export const HAIER_PATHS = {
  token: "/oauth2/auth",
  products: "/product-info/procurable-products-out/check-procurable-products",
  prices: "/goods-price/price-daily-sales/price-query/pt-out-list-price",
  stock: "/stock/get-available-stock-open",
  logistics: "/logistics/sass/get-thirdparty-logistics-info-by-order-code-auth",
} as const;

export interface HaierRouteContext {
  seed: number;
  behaviour: () => HaierBehaviour;
  tokens: TokenStore;
  clientId?: string;
  clientSecret?: string;
  now: () => Date;
}

const ok = (data: unknown): SimulatorResponse => ({ body: { success: true, code: "00000", message: "success", data } });
const fail = (status: number, code: string, message: string): SimulatorResponse => ({
  status,
  body: { success: false, code, message, data: null },
});

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function requireString(body: unknown, name: string): string | SimulatorResponse {
  const value = field(body, name);
  if (typeof value !== "string" || value.trim() === "") return fail(400, "A0400", `${name} is required`);
  return value;
}

function codeList(body: unknown, max: number): string[] | SimulatorResponse {
  const value = field(body, "productCodes");
  if (value === undefined || value === null) return [];
  const list =
    typeof value === "string"
      ? value
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean)
      : value;
  if (!Array.isArray(list) || list.some((c) => typeof c !== "string")) return fail(400, "A0400", "productCodes must be a list of strings");
  if (list.length > max) return fail(400, "A0410", `at most ${max} productCodes per call`);
  return list as string[];
}

function bearer(request: SimulatorRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function authorized(context: HaierRouteContext, handler: (request: SimulatorRequest) => SimulatorResponse) {
  return (request: SimulatorRequest): SimulatorResponse => {
    const verdict = context.tokens.check(bearer(request), Date.now());
    if (verdict !== "ok") return fail(401, "A0301", verdict === "expired" ? "access token expired" : "invalid access token");
    return handler(request);
  };
}

export function createHaierRoutes(context: HaierRouteContext): RouteDefinition[] {
  const { seed } = context;
  const size = () => context.behaviour().catalogueSize;
  return [
    {
      method: "POST",
      path: HAIER_PATHS.token,
      handler: (request) => {
        const clientId = field(request.body, "client_id");
        const clientSecret = field(request.body, "client_secret");
        const grantType = field(request.body, "grant_type");
        if (grantType !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type" } };
        const known = context.clientId === undefined || (clientId === context.clientId && clientSecret === context.clientSecret);
        if (!clientId || !clientSecret || !known) return { status: 401, body: { error: "invalid_client" } };
        const ttl = context.behaviour().tokenTtlSeconds;
        return {
          body: { access_token: context.tokens.issue(ttl, Date.now()), token_type: "bearer", expires_in: ttl, scope: "all" },
        };
      },
    },
    {
      method: "POST",
      path: HAIER_PATHS.products,
      handler: authorized(context, (request) => {
        for (const name of ["customerCode", "supplierCode"]) {
          const value = requireString(request.body, name);
          if (typeof value !== "string") return value;
        }
        const codes = codeList(request.body, context.behaviour().maxCodesPerCall);
        if (!Array.isArray(codes)) return codes;
        const base = request.baseUrl;
        if (codes.length > 0) {
          const indexes = codes.map((code) => indexOfCode(code, size())).filter((i): i is number => i !== null);
          return ok(indexes.map((index) => productRecord(seed, index, base)));
        }
        // Without productCodes: the whole procurable catalogue, paged (pageNo from 1, pageSize up to 200).
        const pageNo = Math.max(1, Number(field(request.body, "pageNo") ?? 1) || 1);
        const pageSize = Math.min(200, Math.max(1, Number(field(request.body, "pageSize") ?? 100) || 100));
        const start = (pageNo - 1) * pageSize;
        const list = [];
        for (let i = start; i < Math.min(size(), start + pageSize); i++) list.push(productRecord(seed, i, base));
        return ok({ list, total: size(), pageNo, pageSize });
      }),
    },
    {
      method: "POST",
      path: HAIER_PATHS.prices,
      handler: authorized(context, (request) => {
        const customer = requireString(request.body, "customerCode");
        if (typeof customer !== "string") return customer;
        const codes = codeList(request.body, context.behaviour().maxCodesPerCall);
        if (!Array.isArray(codes)) return codes;
        if (codes.length === 0) return fail(400, "A0400", "productCodes is required");
        const day = priceDay(context.now());
        const indexes = codes.map((code) => indexOfCode(code, size())).filter((i): i is number => i !== null);
        return ok(indexes.map((index) => priceRecord(seed, index, day)));
      }),
    },
    {
      method: "POST",
      path: HAIER_PATHS.stock,
      handler: authorized(context, (request) => {
        const values: Record<string, string> = {};
        for (const name of ["salesCode", "productCode", "countyCode"]) {
          const value = requireString(request.body, name);
          if (typeof value !== "string") return value;
          values[name] = value;
        }
        const index = indexOfCode(values.productCode, size());
        if (index === null) return fail(404, "B0404", `product ${values.productCode} not found`);
        return ok(stockRecord(seed, index, values.countyCode, values.salesCode));
      }),
    },
    {
      method: "POST",
      path: HAIER_PATHS.logistics,
      handler: authorized(context, (request) => {
        const orderCode = requireString(request.body, "orderCode");
        if (typeof orderCode !== "string") return orderCode;
        const sellerCode = requireString(request.body, "sellerCode");
        if (typeof sellerCode !== "string") return sellerCode;
        if (/unknown|notfound/i.test(orderCode)) return fail(404, "B0404", `order ${orderCode} not found`);
        return ok(logisticsRecord(seed, orderCode, context.now()));
      }),
    },
    { method: "GET", path: "/images/products/:file", handler: (request) => productImage(seed, request.params.file) },
    { method: "GET", path: "/images/missing/:file", handler: () => ({ status: 404, body: "Not Found" }) },
    {
      method: "GET",
      path: "/images/html/:file",
      // A CDN error page served with an image content type: only sniffing the bytes catches it.
      handler: () => ({ headers: { "Content-Type": "image/png" }, body: "<html><body>Access denied</body></html>" }),
    },
  ];
}

function productImage(seed: number, file: string): SimulatorResponse {
  const match = /^(\d+)\.(png|jpg)$/.exec(file);
  if (!match) return { status: 404, body: "Not Found" };
  const key = Number(match[1]);
  const colour = imageColour(seed, key);
  return match[2] === "png"
    ? { headers: { "Content-Type": "image/png", "Cache-Control": "max-age=86400" }, body: solidPng(64, 64, colour) }
    : { headers: { "Content-Type": "image/jpeg", "Cache-Control": "max-age=86400" }, body: solidGreyJpeg(colour[0]) };
}

const LOGISTICS_STEPS = ["已揽收", "运输中", "到达派送站", "派送中", "已签收"];

function logisticsRecord(seed: number, orderCode: string, now: Date) {
  const code = [...orderCode].reduce((sum, ch) => sum + ch.charCodeAt(0), seed);
  const reached = 1 + (code % LOGISTICS_STEPS.length);
  const start = now.getTime() - reached * 6 * 3600_000;
  return {
    orderCode,
    logisticsCompany: code % 2 === 0 ? "日日顺物流" : "顺丰速运",
    waybillCode: `RRS${String(code * 7919).padStart(10, "0")}`,
    status: LOGISTICS_STEPS[reached - 1],
    traces: LOGISTICS_STEPS.slice(0, reached).map((desc, i) => ({
      time: new Date(start + i * 6 * 3600_000).toISOString(),
      desc,
    })),
  };
}

export { productCodeAt };
