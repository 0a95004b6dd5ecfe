import { compileExpression, ExpressionError, restrictivePolicyViolations } from "./expression";
import type { FunctionConfig } from "./types";

// Inngest compiles every expression of a function when the app syncs and
// refuses the sync on an error (pkg/inngest/function.go Validate,
// trigger.go EventTrigger.Validate, concurrency.go, function.go RateLimit
// Validate / Priority / Cancel). cancelOn `if` must also pass the restrictive
// policy (validation.go DefaultRestrictiveValidationPolicy).

type Keyed = { key?: unknown } | undefined | null;

function keysOf(option: unknown): string[] {
  const list = Array.isArray(option) ? option : [option];
  return list.flatMap((item: Keyed) => (item && typeof item === "object" && typeof item.key === "string" ? [item.key] : []));
}

/** Problems with one function's expressions, each naming the function; empty when all compile. */
export function functionExpressionProblems(config: FunctionConfig): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`function "${config.id}": ${message}`);
  const compiles = (what: string, source: string): boolean => {
    try {
      compileExpression(source);
      return true;
    } catch (error) {
      say(`${what} is invalid: ${(error as Error).message}`);
      return false;
    }
  };

  for (const trigger of config.triggers ?? []) {
    if ("event" in trigger && typeof trigger.expression === "string")
      compiles(`trigger expression on "${trigger.event}"`, trigger.expression);
  }
  for (const rule of config.cancel ?? []) {
    if (typeof rule.if !== "string") continue;
    if (!compiles(`cancellation expression on "${rule.event}"`, rule.if)) continue;
    for (const violation of restrictivePolicyViolations(rule.if))
      say(`cancellation expression on "${rule.event}" is invalid: ${violation}`);
  }
  const raw = config as Record<string, unknown>;
  for (const key of keysOf(raw.concurrency)) compiles("concurrency key", key);
  for (const name of ["throttle", "rateLimit", "debounce", "batchEvents", "singleton"]) {
    for (const key of keysOf(raw[name])) compiles(`${name} key`, key);
  }
  if (typeof raw.idempotency === "string") compiles("idempotency key", raw.idempotency);
  const priority = raw.priority as { run?: unknown } | undefined;
  if (priority && typeof priority.run === "string") compiles("priority.run expression", priority.run);
  return problems;
}

/** Throws ExpressionError listing every problem of every function. */
export function assertExpressionsCompile(configs: FunctionConfig[]): void {
  const problems = configs.flatMap(functionExpressionProblems);
  if (problems.length) throw new ExpressionError(`sync refused: ${problems.join("; ")}`);
}
