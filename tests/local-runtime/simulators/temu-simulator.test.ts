import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTemuSimulator, type TemuSimulator } from "../../../lib/local-runtime/simulators/temu";
import { signTemuParams } from "../../../lib/temu/sign";
import { shopConfig } from "../../lib/temu/fixtures";

describe("Temu simulator gateway", () => {
  let sim: TemuSimulator;
  const shop = shopConfig("S1", 500);
  beforeAll(async () => {
    sim = await startTemuSimulator({ seed: 3, shops: [shop, shopConfig("S2", 10)], ratePerAppKey: 20 });
  });
  afterAll(() => sim.stop());

  async function call(params: Record<string, unknown>, secret = shop.appSecret) {
    const body: Record<string, unknown> = {
      type: "bg.order.list.v2.get",
      app_key: shop.appKey,
      access_token: shop.accessToken,
      timestamp: Math.floor(Date.now() / 1000),
      data_type: "JSON",
      ...params,
    };
    if (!("sign" in params)) body.sign = signTemuParams(body, secret);
    const res = await fetch(`${sim.url}/openapi/router`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { success: boolean; errorCode: number; errorMsg: string; result: any };
  }

  it("answers a signed order list with parents and child orders", async () => {
    const answer = await call({ pageNumber: 1, pageSize: 5 });
    expect(answer.success).toBe(true);
    expect(answer.result.totalItemNum).toBeGreaterThan(400);
    expect(answer.result.pageItems).toHaveLength(5);
    const item = answer.result.pageItems[0];
    expect(item.parentOrderMap).toMatchObject({
      parentOrderSn: expect.stringMatching(/^PO-211-/),
      parentOrderStatus: expect.any(Number),
      updateTime: expect.any(Number),
    });
    expect(item.orderList[0]).toMatchObject({ orderSn: expect.any(String), goodsName: expect.any(String), quantity: expect.any(Number) });
    // Newest created first, the API's default sort.
    expect(answer.result.pageItems[0].parentOrderMap.parentOrderTime).toBeGreaterThanOrEqual(
      answer.result.pageItems[4].parentOrderMap.parentOrderTime,
    );
  });

  it("refuses a bad sign, a skewed or stale timestamp, and missing, unknown or expired tokens with the documented codes", async () => {
    expect(await call({ pageNumber: 1 }, "wrong-secret")).toMatchObject({ success: false, errorCode: 3000001, errorMsg: "SIGN_UNVALID" });
    expect(await call({ timestamp: Math.floor(Date.now() / 1000) + 301 })).toMatchObject({ success: false, errorCode: 3000011 });
    expect(await call({ timestamp: Math.floor(Date.now() / 1000) - 301 })).toMatchObject({ success: false, errorCode: 3000012 });
    expect((await call({ timestamp: Math.floor(Date.now() / 1000) - 299 })).success).toBe(true);
    expect(await call({ access_token: undefined })).toMatchObject({ errorCode: 3000030 });
    expect(await call({ access_token: "nope" })).toMatchObject({ errorCode: 3000031 });
    sim.setTokenExpired("S1", true);
    expect(await call({})).toMatchObject({ success: false, errorCode: 3000034 });
    sim.setTokenExpired("S1", false);
    expect(await call({ type: "bg.no.such.type" })).toMatchObject({ errorCode: 3000003 });
    expect(await call({ pageSize: 101 })).toMatchObject({ errorCode: 3000000 });
  });

  it("allows 20 requests per second per app_key and answers 4000004 beyond", async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const before = sim.acceptedCallTimes(shop.appKey).length;
    const answers = await Promise.all(Array.from({ length: 40 }, () => call({ pageNumber: 1, pageSize: 1 })));
    const accepted = sim.acceptedCallTimes(shop.appKey).slice(before);
    expect(answers.filter((a) => a.success)).toHaveLength(accepted.length);
    expect(answers.filter((a) => a.errorCode === 4000004).length).toBe(40 - accepted.length);
    expect(accepted.length).toBeGreaterThanOrEqual(20);
    expect(accepted.length).toBeLessThan(40);
    for (const t of accepted) expect(accepted.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(20);
  });

  it("detail shows package numbers only for shipped or delivered orders once the package exists; statuses move with the clock", async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const views = sim.ordersOf("S1");
    const delivered = views.find((v) => v.status === 5)!;
    const detail = await call({ type: "bg.order.detail.v2.get", parentOrderSn: delivered.life.parentOrderSn });
    expect(detail.result.orderList[0].packageSnInfo[0].packageSn).toBe(delivered.life.packageSn);
    const pending = views.find((v) => v.status === 2)!;
    const unshipped = await call({ type: "bg.order.detail.v2.get", parentOrderSn: pending.life.parentOrderSn });
    expect(unshipped.result.orderList[0].packageSnInfo).toEqual([]);
    sim.advance(10 * 86_400);
    const later = sim.ordersOf("S1").find((v) => v.life.parentOrderSn === pending.life.parentOrderSn)!;
    expect([3, 5]).toContain(later.status);
    expect(later.updateTime).toBeGreaterThan(pending.updateTime);
    sim.advance(-10 * 86_400);
  });

  it("the goods list pages with pageNo", async () => {
    const answer = await call({ type: "bg.local.goods.list.query", pageNo: 2, pageSize: 100, goodsSearchType: 1 });
    expect(answer.result).toMatchObject({ pageNo: 2, total: 150 });
    expect(answer.result.goodsList).toHaveLength(50);
    expect(await call({ type: "bg.local.goods.list.query", pageNumber: 2, pageSize: 100, goodsSearchType: 1 })).toMatchObject({
      errorCode: 3000000,
    });
  });
});
