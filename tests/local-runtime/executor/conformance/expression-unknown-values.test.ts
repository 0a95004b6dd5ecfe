// Conformance: CEL expressions with Inngest's unknown-value rules.
// Follows inngest/inngest pkg/expressions/unknown.go (runtimeUnknownCall,
// handleUnknownCall, isTruthy, evalTruthyLogical) and executor.go's pause match
// (`result, _ := val.(bool)`: only the boolean true matches).
import { describe, expect, it } from "vitest";
import { evaluateExpression, expressionKey, expressionMatches } from "../../../../lib/local-runtime/executor/expression";

const scope = {
  event: { name: "app/order.created", data: { orderId: "o-1", total: 12.5, count: 3, tags: ["jp", "apple"], note: null, sku: "W123" } },
  async: { name: "app/order.paid", data: { orderId: "o-1", amount: 12.5 } },
};
const matches = (source: string) => expressionMatches(source, scope);

describe("unknown values (pkg/expressions/unknown.go)", () => {
  it("a field missing on both sides is never equal: == false, != true", () => {
    expect(matches("event.data.missing == async.data.missing")).toBe(false);
    expect(matches("event.data.missing != async.data.missing")).toBe(true);
    expect(matches("event.data.orderId == async.data.orderId")).toBe(true);
  });
  it("unknown compared with null is equal (unknowns are null)", () => {
    expect(matches("event.data.missing == null")).toBe(true);
    expect(matches("event.data.missing != null")).toBe(false);
  });
  it("ordering: unknown is less than anything, never greater", () => {
    expect(matches("event.data.missing < 1")).toBe(true);
    expect(matches("event.data.missing <= 1")).toBe(true);
    expect(matches("event.data.missing > 1")).toBe(false);
    expect(matches("1 > event.data.missing")).toBe(true);
  });
  it("size() of an unknown is 0, + yields the known operand, other functions are false", () => {
    expect(evaluateExpression("size(event.data.missing)", scope)).toBe(0n);
    expect(evaluateExpression("event.data.missing + 'x'", scope)).toBe("x");
    expect(matches("event.data.missing.startsWith('W')")).toBe(false);
    expect(matches("!event.data.missing")).toBe(false);
  });
  it("a path through a missing object is unknown, not an error", () => {
    expect(matches("event.data.missing.deeper.field == 'x'")).toBe(false);
    expect(matches("event.data.missing.deeper.field != 'x'")).toBe(true);
  });
  it("null against another type: == false, != true, ordering against the zero value", () => {
    expect(matches("event.data.note == 'x'")).toBe(false);
    expect(matches("event.data.note != 'x'")).toBe(true);
    expect(matches("event.data.note < 1")).toBe(true);
  });
  it("&& and || coerce non-booleans JS-style; only the boolean true matches", () => {
    expect(evaluateExpression("event.data.sku || event.data.orderId", scope)).toBe("W123");
    expect(evaluateExpression("event.data.missing || event.data.orderId", scope)).toBe("o-1");
    expect(evaluateExpression("event.data.missing && event.data.orderId", scope)).toBeUndefined(); // the unknown
    expect(matches("event.data.sku")).toBe(false); // a string is not the boolean true
    expect(matches("event.data.missing || event.data.count > 2")).toBe(true);
  });
});

describe("CEL beyond the old subset (a maintained evaluator)", () => {
  it("macros, string functions and the ternary work instead of silently never matching", () => {
    expect(matches("has(event.data.sku)")).toBe(true);
    expect(matches("has(event.data.missing)")).toBe(false);
    expect(matches("event.data.tags.exists(t, t == 'apple')")).toBe(true);
    expect(matches("event.data.sku.startsWith('W') && event.data.sku.contains('12')")).toBe(true);
    expect(matches("(event.data.count > 2 ? 'many' : 'few') == 'many'")).toBe(true);
    expect(matches("event.data.total == 12.5 && event.data.count == 3")).toBe(true);
    expect(matches("'jp' in event.data.tags")).toBe(true);
  });
  it("Inngest's own functions (exprenv/overloads.go)", () => {
    expect(matches("lowercase(event.data.sku) == 'w123'")).toBe(true);
    expect(matches("now_plus('1h') > now() && now_minus('1h') < now()")).toBe(true);
  });
  it("keys are stable strings; a missing key field is null", () => {
    expect(expressionKey("event.data.orderId", scope)).toBe("o-1");
    expect(expressionKey("event.data.count", scope)).toBe("3");
    expect(expressionKey("event.data.missing", scope)).toBe("null");
  });
});
