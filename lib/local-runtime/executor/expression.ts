import { Environment } from "@marcbachmann/cel-js";
import { serialize } from "@marcbachmann/cel-js/serialize";

// Inngest's expressions (trigger `if`, cancelOn / waitForEvent `if`, and the
// keys of concurrency, throttle, rateLimit, idempotency) are CEL, evaluated by
// cel-go with Inngest's own rules (pkg/expressions). Parsing, type checking and
// every operation on known values come from a maintained CEL implementation
// (@marcbachmann/cel-js); this file adds what Inngest adds on top:
//
// - unknown values (pkg/expressions/unknown.go): a field missing from the data is
//   "unknown", never an error. An operation on an unknown gives a fixed answer:
//   `==` is false (true only against null), `!=` is true (false against null),
//   `<`/`<=` true when the unknown is on the left, `>`/`>=` the opposite, `+`
//   yields the other operand, size() is 0, any other function is false. So
//   `event.data.id == async.data.id` with `id` missing on both is FALSE.
// - null against another type: `==` false, `!=` true, ordering compares the
//   type's zero value; `+` of two different types concatenates as text.
// - `&&`, `||` and `?:` coerce non-booleans JS-style (unknown, null, "", 0 are falsy).
// - a match or filter holds only when the result is the boolean true
//   (executor.go: `result, _ := val.(bool)`; booleanEvaluator).
// - the functions Inngest declares (pkg/expressions/exprenv/overloads.go):
//   lowercase, uppercase, b64decode, json_parse, date, now, now_plus, now_minus.
// - validation at sync (pkg/inngest/function.go Validate, pkg/expressions/validation.go):
//   every expression must compile; cancelOn `if` also follows the restrictive
//   policy (no macros, only logic operators and int/uint/double).

/** A sync-time refusal: the expression does not compile, or breaks Inngest's policy. */
export class ExpressionError extends Error {
  readonly kind = "invalid_expression";
  constructor(message: string) {
    super(message);
    this.name = "ExpressionError";
  }
}

const GO_DURATION = /^([-+]?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w))+)$/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

/** str2duration.ParseDuration: Go durations plus d and w. */
function parseGoDurationMs(text: string): number | undefined {
  const match = GO_DURATION.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)) total += Number(part[1]) * UNIT_MS[part[2]];
  return match[1] === "-" ? -total : total;
}

const TS = "google.protobuf.Timestamp";

function withInngestFunctions(env: Environment): Environment {
  return env
    .registerFunction("lowercase(string): string", (s: string) => s.toLowerCase())
    .registerFunction("uppercase(string): string", (s: string) => s.toUpperCase())
    .registerFunction("b64decode(string): string", (s: string) => Buffer.from(s, "base64").toString("utf8"))
    .registerFunction("json_parse(string): map<string, dyn>", (s: string) => {
      try {
        const parsed = JSON.parse(s);
        return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
      } catch {
        return {};
      }
    })
    .registerFunction(`date(string): ${TS}`, (s: string) => new Date(s))
    .registerFunction(`date(int): ${TS}`, (i: bigint) => {
      // dateutil.ParseInt: seconds, or milliseconds when the number is that large.
      const n = Number(i);
      return new Date(Math.abs(n) < 1e11 ? n * 1000 : n);
    })
    .registerFunction(`now(): ${TS}`, () => new Date())
    .registerFunction(`now_plus(string): ${TS}`, (s: string) => new Date(Date.now() + (parseGoDurationMs(s) ?? NaN)))
    .registerFunction(`now_minus(string): ${TS}`, (s: string) => new Date(Date.now() - (parseGoDurationMs(s) ?? NaN)));
}

// The variables Inngest declares (exprenv.Env): maps of string to dyn.
const checkedEnv = withInngestFunctions(new Environment({ homogeneousAggregateLiterals: false }))
  .registerVariable("event", "map")
  .registerVariable("async", "map")
  .registerVariable("vars", "map");

// Runs one operation on known values: `a0 == a1`, `size(a0)`, `a0.startsWith(a1)`, a macro.
const operationEnv = withInngestFunctions(new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false }));

type Node = { op: string; args: any };

const UNKNOWN: unique symbol = Symbol("unknown");
class EvalError {
  constructor(readonly message: string) {}
}
type Value = unknown;

const isUnknown = (v: Value) => v === UNKNOWN;
const isError = (v: Value) => v instanceof EvalError;

type Kind = "unknown" | "error" | "null" | "bool" | "int" | "uint" | "double" | "string" | "bytes" | "list" | "map" | "timestamp" | "other";

function kindOf(v: Value): Kind {
  if (v === UNKNOWN) return "unknown";
  if (v instanceof EvalError) return "error";
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "double";
    case "string":
      return "string";
  }
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "list";
  if (v instanceof Date) return "timestamp";
  if (v instanceof Map) return "map";
  if (typeof v === "object" && (v as object).constructor?.name === "UnsignedInt") return "uint";
  if (typeof v === "object") return "map";
  return "other";
}

const programs = new Map<string, (ctx: Record<string, unknown>) => unknown>();
function program(source: string) {
  let compiled = programs.get(source);
  if (!compiled) {
    compiled = operationEnv.parse(source) as unknown as (ctx: Record<string, unknown>) => unknown;
    programs.set(source, compiled);
  }
  return compiled;
}

function run(source: string, ctx: Record<string, unknown>): Value {
  try {
    const result = program(source)(ctx);
    return result === undefined ? UNKNOWN : result;
  } catch (error) {
    return new EvalError((error as Error).message);
  }
}

const BINARY = new Set(["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "in"]);
const MACROS = new Set(["all", "exists", "exists_one", "map", "filter"]);

/** One operation on values that are all known, through the CEL library. */
function operate(fn: string, values: Value[], method: boolean): Value {
  const ctx: Record<string, unknown> = {};
  values.forEach((v, i) => (ctx[`a${i}`] = v));
  if (BINARY.has(fn)) return run(`a0 ${fn} a1`, ctx);
  if (fn === "!_") return run("!a0", ctx);
  if (fn === "-_") return run("-a0", ctx);
  const names = values.map((_, i) => `a${i}`);
  return method ? run(`a0.${fn}(${names.slice(1).join(", ")})`, ctx) : run(`${fn}(${names.join(", ")})`, ctx);
}

function zeroOf(kind: Kind): Value | undefined {
  switch (kind) {
    case "int":
      return 0n;
    case "double":
      return 0;
    case "string":
      return "";
  }
  return undefined;
}

function goText(v: Value): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** unknown.go runtimeUnknownCall + handleUnknownCall, for one call of `fn`. */
function call(fn: string, values: Value[], method = false): Value {
  const kinds = values.map(kindOf);
  const hasUnknown = kinds.includes("unknown") || kinds.includes("error");
  if (hasUnknown) {
    const first = kinds[0];
    const firstUnknown = first === "unknown" || first === "error";
    switch (fn) {
      case "+":
        return values.find((v) => !isUnknown(v)) ?? false;
      case "==":
        return kinds.includes("null");
      case "!=":
        return !kinds.includes("null");
      case "<":
      case "<=":
        return firstUnknown;
      case ">":
      case ">=":
        return !firstUnknown;
      case "size":
        return 0n;
      default:
        return false;
    }
  }
  const distinct = new Set(kinds).size;
  if (distinct <= 1) return operate(fn, values, method);
  if (distinct === 2) {
    const result = operate(fn, values, method);
    if (!isError(result) && !isUnknown(result)) return result;
    if (fn === "+") return goText(values[0]) + goText(values[1]);
  }
  if (kinds.includes("null") && values.length === 2) {
    if (fn === "==") return false;
    if (fn === "!=") return true;
    const other = kinds.find((k) => k !== "null")!;
    const zero = zeroOf(other);
    if (zero !== undefined)
      return operate(
        fn,
        values.map((v, i) => (kinds[i] === "null" ? zero : v)),
        method,
      );
  }
  return operate(fn, values, method);
}

function field(object: Value, key: Value): Value {
  if (isUnknown(object) || isError(object) || isUnknown(key) || isError(key)) return UNKNOWN;
  if (object instanceof Map) return object.has(key) ? object.get(key) : UNKNOWN;
  if (Array.isArray(object)) {
    const index = typeof key === "bigint" || typeof key === "number" ? Number(key) : NaN;
    return Number.isInteger(index) && index >= 0 && index < object.length
      ? object[index]
      : new EvalError(`index out of range: ${String(key)}`);
  }
  if (object !== null && typeof object === "object" && !(object instanceof Date)) {
    const name = String(key);
    if (!Object.prototype.hasOwnProperty.call(object, name)) return UNKNOWN;
    const value = (object as Record<string, unknown>)[name];
    return value === undefined ? UNKNOWN : value;
  }
  return UNKNOWN;
}

/** unknown.go isTruthy. */
function truthy(v: Value): boolean {
  switch (kindOf(v)) {
    case "unknown":
    case "error":
    case "null":
      return false;
    case "bool":
      return v as boolean;
    case "string":
      return v !== "";
    case "int":
      return v !== 0n;
    case "double":
      return v !== 0;
    case "uint":
      return String(v) !== "0";
    default:
      return true;
  }
}

function evaluateNode(node: Node, scope: Record<string, unknown>): Value {
  const a = node.args;
  switch (node.op) {
    case "value":
      return a;
    case "id": {
      const value = Object.prototype.hasOwnProperty.call(scope, a) ? scope[a] : undefined;
      return value === undefined ? UNKNOWN : value;
    }
    case ".":
      return field(evaluateNode(a[0], scope), a[1]);
    case "[]":
      return field(evaluateNode(a[0], scope), evaluateNode(a[1], scope));
    case "&&":
    case "||": {
      const left = evaluateNode(a[0], scope);
      const right = evaluateNode(a[1], scope);
      if (typeof left === "boolean" && typeof right === "boolean") return node.op === "&&" ? left && right : left || right;
      // JS-style: || gives the first truthy value, && the first falsy one, else the last.
      if (node.op === "||") return truthy(left) ? left : right;
      return truthy(left) ? right : left;
    }
    case "?:":
      return truthy(evaluateNode(a[0], scope)) ? evaluateNode(a[1], scope) : evaluateNode(a[2], scope);
    case "!_":
    case "-_":
      return call(node.op, [evaluateNode(a, scope)]);
    case "list": {
      const items = (a as Node[]).map((n) => evaluateNode(n, scope));
      return items.some((v) => isUnknown(v) || isError(v)) ? UNKNOWN : items;
    }
    case "map": {
      const entries = (a as [Node, Node][]).map(([k, v]) => [evaluateNode(k, scope), evaluateNode(v, scope)] as const);
      if (entries.some(([k, v]) => isUnknown(k) || isError(k) || isUnknown(v) || isError(v))) return UNKNOWN;
      return new Map(entries);
    }
    case "call": {
      const [name, args] = a as [string, Node[]];
      if (name === "has") {
        // has(x.f): presence of a field; on an unknown object the answer stays unknown.
        const target = args[0];
        if (target?.op !== ".") return new EvalError("has() needs a field selection");
        const object = evaluateNode(target.args[0], scope);
        if (isUnknown(object) || isError(object)) return UNKNOWN;
        if (object instanceof Map) return object.has(target.args[1]);
        return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, target.args[1]);
      }
      return call(
        name,
        args.map((n) => evaluateNode(n, scope)),
      );
    }
    case "rcall": {
      const [name, targetNode, args] = a as [string, Node, Node[]];
      const target = evaluateNode(targetNode, scope);
      if (MACROS.has(name)) {
        // Comprehensions are not decorated in Inngest: over an unknown they stay unknown.
        if (isUnknown(target) || isError(target)) return UNKNOWN;
        const known = Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined));
        return run(serialize(node as never), known);
      }
      return call(name, [target, ...args.map((n) => evaluateNode(n, scope))], true);
    }
    default:
      if (BINARY.has(node.op)) return call(node.op, [evaluateNode(a[0], scope), evaluateNode(a[1], scope)]);
      return new EvalError(`unsupported expression node ${node.op}`);
  }
}

export interface CompiledExpression {
  source: string;
  ast: Node;
}

const compiled = new Map<string, CompiledExpression>();

/** Parses and type-checks against Inngest's declarations; throws ExpressionError. */
export function compileExpression(source: string): CompiledExpression {
  const cached = compiled.get(source);
  if (cached) return cached;
  let parsed: ReturnType<Environment["parse"]>;
  try {
    parsed = checkedEnv.parse(source);
  } catch (error) {
    throw new ExpressionError(`expression ${JSON.stringify(source)} does not compile: ${firstLine(error)}`);
  }
  const checked = parsed.check();
  // Inngest declares + == != < <= > >= for any two types (exprenv/overloads.go,
  // type guards off): a literal type mismatch there compiles and is decided at run time.
  if (!checked.valid && !/^no such overload: \S+ (\+|==|!=|<|<=|>|>=) \S+$/.test(firstLine(checked.error)))
    throw new ExpressionError(`expression ${JSON.stringify(source)} does not compile: ${firstLine(checked.error)}`);
  const result = { source, ast: parsed.ast as unknown as Node };
  if (compiled.size > 1_000) compiled.clear();
  compiled.set(source, result);
  return result;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0];
}

const LOGIC_OPS = new Set(["?:", "&&", "||", "!_", "==", "!=", "<", "<=", ">", ">=", "[]", "in", ".", "id", "value", "list", "map"]);
const TYPE_CONVERSIONS = new Set(["int", "uint", "double"]);

/**
 * validation.go DefaultRestrictiveValidationPolicy, used for cancelOn `if` at
 * sync: no macros (has, all, exists, exists_one, map, filter) and no function
 * but the logic operators and int/uint/double.
 */
export function restrictivePolicyViolations(source: string): string[] {
  const { ast } = compileExpression(source);
  const violations: string[] = [];
  const visit = (node: Node | undefined): void => {
    if (!node || typeof node !== "object" || !("op" in node)) return;
    const a = node.args;
    if (node.op === "call") {
      const [name, args] = a as [string, Node[]];
      if (name === "has") violations.push("macros are disallowed (uses 'has')");
      else if (!TYPE_CONVERSIONS.has(name)) violations.push(`function calls are disallowed (uses '${name}')`);
      args.forEach(visit);
      return;
    }
    if (node.op === "rcall") {
      const [name, target, args] = a as [string, Node, Node[]];
      violations.push(MACROS.has(name) ? `macros are disallowed (uses '${name}')` : `function calls are disallowed (uses '${name}')`);
      visit(target);
      args.forEach(visit);
      return;
    }
    if (!LOGIC_OPS.has(node.op)) violations.push(`function calls are disallowed (uses '${node.op.replace(/_$/, "")}')`);
    if (node.op === "value" || node.op === "id") return;
    if (node.op === ".") return visit(a[0]);
    if (node.op === "map") return (a as [Node, Node][]).forEach(([k, v]) => (visit(k), visit(v)));
    if (Array.isArray(a)) a.forEach((child) => visit(child as Node));
    else visit(a as Node);
  };
  visit(ast);
  return violations;
}

/** Evaluates `source` against { event, async, vars }: plain JS values, unknown as undefined. */
export function evaluateExpression(source: string, scope: Record<string, unknown>): unknown {
  const value = evaluateNode(compileExpression(source).ast, scope);
  if (isUnknown(value)) return undefined;
  if (isError(value)) throw new Error((value as EvalError).message);
  return value;
}

/** A filter or match: true only when the expression evaluates to the boolean true. */
export function expressionMatches(source: string | undefined, scope: Record<string, unknown>): boolean {
  if (!source) return true;
  try {
    return evaluateNode(compileExpression(source).ast, scope) === true;
  } catch {
    return false;
  }
}

function toJsonValue(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? Number(v) : v instanceof Map ? Object.fromEntries(v) : v)) ?? "null",
  );
}

/** A key (concurrency, throttle, idempotency, rateLimit): the value as a stable string. */
export function expressionKey(source: string, scope: Record<string, unknown>): string {
  let value: unknown;
  try {
    value = evaluateExpression(source, scope);
  } catch {
    value = undefined;
  }
  if (typeof value === "string") return value;
  return JSON.stringify(value === undefined ? null : toJsonValue(value));
}
