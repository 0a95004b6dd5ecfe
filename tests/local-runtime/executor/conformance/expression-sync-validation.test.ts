// Conformance: every expression compiles at sync, or the sync fails.
// Follows inngest/inngest pkg/inngest/function.go (Function.Validate: trigger
// expressions, cancel `if` under DefaultRestrictiveValidationPolicy, concurrency
// keys, rate limit keys, priority) and pkg/expressions/validation.go.
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../../../lib/local-runtime/executor/expression";
import { assertExpressionsCompile, functionExpressionProblems } from "../../../../lib/local-runtime/executor/expression-validation";
import type { FunctionConfig } from "../../../../lib/local-runtime/executor/types";

const fn = (extra: Partial<FunctionConfig>): FunctionConfig => ({
  id: "app-fn",
  name: "fn",
  triggers: [{ event: "app/x" }],
  steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://app" } } },
  ...extra,
});

describe("sync-time expression validation", () => {
  it("accepts what compiles", () => {
    expect(
      functionExpressionProblems(
        fn({
          triggers: [{ event: "app/x", expression: "event.data.total > 10 && has(event.data.sku)" }],
          cancel: [{ event: "app/x.cancelled", if: "event.data.id == async.data.id" }],
          concurrency: [{ limit: 1, key: "event.data.account" }],
          throttle: { limit: 1, period: "1s", key: "event.data.account" },
        }),
      ),
    ).toEqual([]);
  });
  it("refuses a syntax error, an unknown variable or an unknown function, naming the function", () => {
    const problems = functionExpressionProblems(
      fn({
        triggers: [{ event: "app/x", expression: "event.data.total >" }],
        concurrency: { limit: 1, key: "evnt.data.account" },
        rateLimit: { limit: 1, period: "1m", key: "nosuchfn(event.data.a)" },
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^function "app-fn": trigger expression on "app\/x" is invalid/);
    expect(() => assertExpressionsCompile([fn({ idempotency: "event.data.(" })])).toThrow(ExpressionError);
  });
  it("cancelOn `if` follows the restrictive policy: no macros, no non-logic functions", () => {
    const problems = functionExpressionProblems(
      fn({
        cancel: [{ event: "app/x.cancelled", if: "async.data.name.startsWith('a') || has(async.data.b) || async.data.n + 1 > 2" }],
      }),
    );
    expect(problems.join("\n")).toContain("function calls are disallowed (uses 'startsWith')");
    expect(problems.join("\n")).toContain("macros are disallowed (uses 'has')");
    expect(problems.join("\n")).toContain("function calls are disallowed (uses '+')");
  });
});
