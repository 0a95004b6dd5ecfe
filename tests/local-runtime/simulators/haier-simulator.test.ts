import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHaierSimulator, type HaierSimulator } from "../../../lib/local-runtime/simulators/haier";
import { HAIER_PATHS } from "../../../lib/local-runtime/simulators/haier/routes";
import { startSimulators } from "../../../lib/local-runtime/simulators/start-simulators";

let sim: HaierSimulator;
let day = new Date("2026-11-29T04:00:00Z");

async function token(clientSecret = "s3cret"): Promise<Response> {
  return fetch(`${sim.url}/oauth2/auth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: "cid", client_secret: clientSecret, grant_type: "client_credentials" }),
  });
}

async function call(path: string, body: unknown, bearer?: string) {
  const res = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { success: boolean; data: any; message: string } };
}

describe("Haier simulator", () => {
  let bearer: string;
  beforeAll(async () => {
    sim = await startHaierSimulator({ clientId: "cid", clientSecret: "s3cret", catalogueSize: 5000, now: () => day });
    const res = await token();
    bearer = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim.stop());

  it("issues OAuth2 client-credentials tokens and refuses bad credentials", async () => {
    expect((await token("wrong")).status).toBe(401);
    const res = await token();
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 7200 });
    expect(typeof body.access_token).toBe("string");
    // The request log never shows the secret.
    const recorded = sim.requests.filter((r) => r.path === "/oauth2/auth");
    expect(JSON.stringify(recorded)).not.toContain("s3cret");
  });

  it("answers the four seed-003 endpoints at their exact paths", async () => {
    const products = await call(
      HAIER_PATHS.products,
      { customerCode: "C1", supplierCode: "S1", productCodes: ["HR0000001", "HR0000002"] },
      bearer,
    );
    expect(products.status).toBe(200);
    expect(products.body.data).toHaveLength(2);
    expect(products.body.data[0]).toMatchObject({
      productCode: "HR0000001",
      brandName: expect.any(String),
      categoryName: expect.any(String),
      imageUrl: expect.stringContaining("/images/"),
    });

    const page = await call(HAIER_PATHS.products, { customerCode: "C1", supplierCode: "S1", pageNo: 25, pageSize: 200 }, bearer);
    expect(page.body.data.total).toBe(5000);
    expect(page.body.data.list).toHaveLength(200);

    const prices = await call(HAIER_PATHS.prices, { customerCode: "C1", productCodes: ["HR0000001"], priceType: "PT" }, bearer);
    expect(prices.body.data[0]).toMatchObject({
      productCode: "HR0000001",
      supplyPrice: expect.any(Number),
      invoicePrice: expect.any(Number),
      stockRebate: expect.any(Number),
      rebateMoney: expect.any(Number),
    });

    const stockA = await call(HAIER_PATHS.stock, { salesCode: "C1", productCode: "HR0000005", countyCode: "110101" }, bearer);
    expect(stockA.body.data).toMatchObject({ productCode: "HR0000005", countyCode: "110101", stockNum: expect.any(Number) });

    const logistics = await call(HAIER_PATHS.logistics, { orderCode: "SO123", sellerCode: "C1" }, bearer);
    expect(logistics.body.data).toMatchObject({ orderCode: "SO123", traces: expect.any(Array) });
    expect((await call(HAIER_PATHS.logistics, { orderCode: "UNKNOWN-1", sellerCode: "C1" }, bearer)).status).toBe(404);
    expect((await call(HAIER_PATHS.prices, { productCodes: ["HR0000001"] }, bearer)).status).toBe(400);
  });

  it("stock differs per county code and prices change from day to day", async () => {
    const quantities = new Set<number>();
    for (const county of ["110101", "310101", "440103", "500101", "120101"]) {
      const res = await call(HAIER_PATHS.stock, { salesCode: "C1", productCode: "HR0000010", countyCode: county }, bearer);
      quantities.add(res.body.data.stockNum);
    }
    expect(quantities.size).toBeGreaterThan(1);
    const codes = Array.from({ length: 10 }, (_, i) => `HR${String(i + 1).padStart(7, "0")}`);
    const today = await call(HAIER_PATHS.prices, { customerCode: "C1", productCodes: codes }, bearer);
    day = new Date("2026-11-30T04:00:00Z");
    const tomorrow = await call(HAIER_PATHS.prices, { customerCode: "C1", productCodes: codes }, bearer);
    expect(tomorrow.body.data.map((p: { supplyPrice: number }) => p.supplyPrice)).not.toEqual(
      today.body.data.map((p: { supplyPrice: number }) => p.supplyPrice),
    );
  });

  it("serves real PNG and JPEG bytes, broken image URLs and malformed records", async () => {
    const records = (await call(HAIER_PATHS.products, { customerCode: "C1", supplierCode: "S1", pageNo: 1, pageSize: 200 }, bearer)).body
      .data.list as Record<string, unknown>[];
    expect(records.filter((r) => !r.productCode)).toHaveLength(1); // index 37
    expect(records.filter((r) => r.productCode && !r.productName)).toHaveLength(1); // index 137
    const png = Buffer.from(await (await fetch(`${sim.url}/images/products/0.png`)).arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const jpg = Buffer.from(await (await fetch(`${sim.url}/images/products/1.jpg`)).arrayBuffer());
    expect([...jpg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpg.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect((await fetch(`${sim.url}/images/missing/1.jpg`)).status).toBe(404);
    const html = await fetch(`${sim.url}/images/html/1.png`);
    expect(html.headers.get("content-type")).toBe("image/png");
    expect(await html.text()).toContain("<html>");
  });

  it("answers 401 without a token, with an unknown one, after revocation and after expiry", async () => {
    const body = { customerCode: "C1", supplierCode: "S1", productCodes: ["HR0000001"] };
    expect((await call(HAIER_PATHS.products, body)).status).toBe(401);
    expect((await call(HAIER_PATHS.products, body, "nope")).status).toBe(401);
    sim.revokeTokens();
    expect((await call(HAIER_PATHS.products, body, bearer)).status).toBe(401);
    // A TTL long enough for the first call on a loaded machine; the expiry is then waited for, not slept for.
    sim.configure({ tokenTtlSeconds: 1 });
    const issuedAt = Date.now();
    const fresh = ((await (await token()).json()) as { access_token: string }).access_token;
    expect((await call(HAIER_PATHS.products, body, fresh)).status).toBe(200);
    let expired = await call(HAIER_PATHS.products, body, fresh);
    while (expired.status === 200 && Date.now() - issuedAt < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      expired = await call(HAIER_PATHS.products, body, fresh);
    }
    expect(Date.now() - issuedAt).toBeGreaterThanOrEqual(1_000);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    sim.configure({ tokenTtlSeconds: 7200 });
  });

  it("is started by startSimulators with HAIER_BASE_URL / HAIER_TOKEN_URL and env options", async () => {
    const running = await startSimulators({
      env: { HAIER_SIMULATOR_CATALOGUE_SIZE: "120", HAIER_SIMULATOR_TOKEN_TTL_SECONDS: "5" },
      webscraper: false,
    });
    try {
      expect(running.haier!.behaviour).toMatchObject({ catalogueSize: 120, tokenTtlSeconds: 5 });
      expect(running.env.HAIER_BASE_URL).toBe(running.haier!.url);
      expect(running.env.HAIER_TOKEN_URL).toBe(running.haier!.url);
    } finally {
      await running.stop();
    }
  });
});
