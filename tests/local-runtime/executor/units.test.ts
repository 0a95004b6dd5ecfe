// Pure parts: the cron parser, the expression subset, durations, settings.
import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "../../../lib/local-runtime/executor/cron";
import { parseDurationMs, resolveInstant } from "../../../lib/local-runtime/executor/duration";
import { expressionKey, expressionMatches } from "../../../lib/local-runtime/executor/expression";
import { executorSettingsFromEnv } from "../../../lib/engine/engine-settings";
import { canonicalJson, signRequestBody } from "../../../lib/local-runtime/executor/request-signing";

const at = (iso: string) => Date.parse(iso);
const next = (expr: string, from: string) => new Date(nextCronTime(parseCron(expr), at(from))!).toISOString();

describe("cron", () => {
  it("finds the next minute for common schedules (UTC)", () => {
    expect(next("* * * * *", "2025-03-01T10:00:30Z")).toBe("2025-03-01T10:01:00.000Z");
    expect(next("*/15 * * * *", "2025-03-01T10:01:00Z")).toBe("2025-03-01T10:15:00.000Z");
    expect(next("0 9 * * 1-5", "2025-03-01T10:00:00Z")).toBe("2025-03-03T09:00:00.000Z"); // Sat -> Mon
    expect(next("30 2 1 * *", "2025-03-01T03:00:00Z")).toBe("2025-04-01T02:30:00.000Z");
    expect(next("0 0 29 2 *", "2025-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
    // "@daily"-style descriptors are refused now, as Inngest's sync refuses them (conformance/cron-validation).
    expect(next("0 12 * JAN,FEB SUN", "2025-03-01T00:00:00Z")).toBe("2026-01-04T12:00:00.000Z");
  });

  it("uses either day field when both are restricted (Vixie cron)", () => {
    expect(next("0 0 15 * MON", "2025-03-01T00:00:00Z")).toBe("2025-03-03T00:00:00.000Z");
  });

  it("honours a TZ= prefix, including daylight saving changes", () => {
    expect(next("TZ=Europe/Paris 0 9 * * *", "2025-01-10T12:00:00Z")).toBe("2025-01-11T08:00:00.000Z");
    expect(next("TZ=Europe/Paris 0 9 * * *", "2025-07-10T12:00:00Z")).toBe("2025-07-11T07:00:00.000Z");
    expect(next("TZ=America/New_York 30 1 * * *", "2025-03-09T00:00:00Z")).toBe("2025-03-09T06:30:00.000Z");
  });

  it("rejects malformed expressions", () => {
    expect(() => parseCron("* * * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/range/);
    expect(() => parseCron("TZ=Nowhere/City * * * * *")).toThrow();
    expect(nextCronTime(parseCron("0 0 31 2 *"), Date.now())).toBeUndefined();
  });
});

describe("expressions", () => {
  const event = { name: "shop/order.paid", data: { orderId: "o-1", amount: 120, tags: ["vip"], account: { id: 7 } } };
  it("matches waitForEvent / cancelOn style comparisons", () => {
    expect(expressionMatches("event.data.orderId == async.data.orderId", { event, async: { data: { orderId: "o-1" } } })).toBe(true);
    expect(expressionMatches("event.data.orderId == async.data.orderId", { event, async: { data: { orderId: "o-2" } } })).toBe(false);
  });
  it("supports comparisons, logic, membership, size and literals", () => {
    expect(expressionMatches("event.data.amount > 100 && event.name == 'shop/order.paid'", { event })).toBe(true);
    expect(expressionMatches("!(event.data.amount >= 200) || false", { event })).toBe(true);
    expect(expressionMatches("'vip' in event.data.tags && size(event.data.tags) == 1", { event })).toBe(true);
    expect(expressionMatches("event.data['orderId'] != null", { event })).toBe(true);
    expect(expressionMatches("event.data.missing.deeper == null", { event })).toBe(true);
  });
  it("treats a broken expression as no match, and keys as stable strings", () => {
    expect(expressionMatches("event.data.amount >", { event })).toBe(false);
    expect(expressionKey("event.data.account.id", { event })).toBe("7");
    expect(expressionKey("event.data.orderId", { event })).toBe("o-1");
  });
});

describe("durations", () => {
  it("parses SDK time strings and ISO instants", () => {
    expect(parseDurationMs("1s")).toBe(1_000);
    expect(parseDurationMs("2h30m10s")).toBe(9_010_000);
    expect(parseDurationMs("1w")).toBe(604_800_000);
    expect(parseDurationMs("7")).toBe(7_000); // Retry-After seconds
    expect(parseDurationMs("nonsense")).toBeUndefined();
    expect(resolveInstant("2030-01-01T00:00:00.000Z")).toBe(Date.parse("2030-01-01T00:00:00.000Z"));
  });
});

describe("executorSettingsFromEnv", () => {
  it("runs locally by default and with INNGEST_DEV", () => {
    expect(executorSettingsFromEnv({}).enabled).toBe(true);
    expect(executorSettingsFromEnv({ INNGEST_DEV: "1", INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "s" }).enabled).toBe(true);
    expect(executorSettingsFromEnv({ INNGEST_BASE_URL: "http://127.0.0.1:8288" }).enabled).toBe(true);
    // The run command's executor with signed calls: its own base URL and port plus keys, no INNGEST_DEV.
    expect(
      executorSettingsFromEnv({
        INNGEST_BASE_URL: "http://localhost:41234",
        INNGEST_EXECUTOR_PORT: "41234",
        INNGEST_EVENT_KEY: "k",
        INNGEST_SIGNING_KEY: "00",
      }).enabled,
    ).toBe(true);
  });
  it("stays off when a real Inngest server is configured", () => {
    const cloud = executorSettingsFromEnv({ INNGEST_EVENT_KEY: "k", INNGEST_SIGNING_KEY: "signkey-prod-abc" });
    expect(cloud).toMatchObject({ enabled: false, mode: "inngest" });
    expect(executorSettingsFromEnv({ INNGEST_BASE_URL: "https://inngest.internal:8288" }).enabled).toBe(false);
  });
});

describe("wire details", () => {
  it("signs request bodies as the SDK verifies them", () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: "x" }] })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
    expect(signRequestBody({ a: 1 }, "signkey-test-00ff", 1_700_000_000_000)).toMatch(/^t=1700000000&s=[0-9a-f]{64}$/);
  });
});
