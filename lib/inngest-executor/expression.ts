// A small subset of CEL, enough for what Inngest configs hold: trigger `if`
// filters, `waitForEvent`/`cancelOn` matches ("event.data.id == async.data.id")
// and concurrency/throttle/idempotency keys ("event.data.accountId").
// Supported: dotted and [index] paths, string/number/bool/null literals,
// == != < <= > >= && || ! + - * / %, parentheses, `in` for lists/maps and
// size(x). Anything else is a parse error, reported to the caller.

type Token = { kind: "num" | "str" | "ident" | "op" | "end"; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^\d+(\.\d+)?/.exec(source.slice(i))!;
      tokens.push({ kind: "num", value: match[0] });
      i += match[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== ch) {
        if (source[j] === "\\" && j + 1 < source.length) j++;
        text += source[j++];
      }
      if (j >= source.length) throw new Error(`unterminated string in expression: ${source}`);
      tokens.push({ kind: "str", value: text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "ident", value: match[0] });
      i += match[0].length;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      tokens.push({ kind: "op", value: two });
      i += 2;
      continue;
    }
    if ("<>!+-*/%().[],".includes(ch)) {
      tokens.push({ kind: "op", value: ch });
      i++;
      continue;
    }
    throw new Error(`unexpected character "${ch}" in expression: ${source}`);
  }
  tokens.push({ kind: "end", value: "" });
  return tokens;
}

type Node =
  | { type: "lit"; value: unknown }
  | { type: "var"; name: string }
  | { type: "member"; object: Node; key: Node }
  | { type: "unary"; op: string; arg: Node }
  | { type: "binary"; op: string; left: Node; right: Node }
  | { type: "call"; name: string; args: Node[] };

const PRECEDENCE: Record<string, number> = {
  "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, in: 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
};

function parse(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const expect = (value: string) => {
    const token = next();
    if (token.value !== value) throw new Error(`expected "${value}" in expression: ${source}`);
  };

  function primary(): Node {
    const token = next();
    if (token.kind === "num") return { type: "lit", value: Number(token.value) };
    if (token.kind === "str") return { type: "lit", value: token.value };
    if (token.kind === "ident") {
      if (token.value === "true") return { type: "lit", value: true };
      if (token.value === "false") return { type: "lit", value: false };
      if (token.value === "null") return { type: "lit", value: null };
      if (peek().value === "(") {
        next();
        const args: Node[] = [];
        while (peek().value !== ")") {
          args.push(expression(0));
          if (peek().value === ",") next();
        }
        expect(")");
        return { type: "call", name: token.value, args };
      }
      return { type: "var", name: token.value };
    }
    if (token.value === "(") {
      const inner = expression(0);
      expect(")");
      return inner;
    }
    if (token.value === "[") {
      const items: Node[] = [];
      while (peek().value !== "]") {
        items.push(expression(0));
        if (peek().value === ",") next();
      }
      expect("]");
      return { type: "call", name: "__list", args: items };
    }
    if (token.value === "!" || token.value === "-") return { type: "unary", op: token.value, arg: postfix(primary()) };
    throw new Error(`unexpected "${token.value}" in expression: ${source}`);
  }

  function postfix(node: Node): Node {
    for (;;) {
      if (peek().value === ".") {
        next();
        const name = next();
        if (name.kind !== "ident") throw new Error(`expected a field name in expression: ${source}`);
        node = { type: "member", object: node, key: { type: "lit", value: name.value } };
      } else if (peek().value === "[") {
        next();
        const key = expression(0);
        expect("]");
        node = { type: "member", object: node, key };
      } else return node;
    }
  }

  function expression(minPrecedence: number): Node {
    let left = postfix(primary());
    for (;;) {
      const token = peek();
      const op = token.value;
      const precedence = (token.kind === "op" || op === "in") ? PRECEDENCE[op] : undefined;
      if (precedence === undefined || precedence <= minPrecedence) return left;
      next();
      const right = expression(precedence);
      left = { type: "binary", op, left, right };
    }
  }

  const tree = expression(0);
  if (peek().kind !== "end") throw new Error(`unexpected "${peek().value}" in expression: ${source}`);
  return tree;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === b || (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}

function evaluateNode(node: Node, scope: Record<string, unknown>): unknown {
  switch (node.type) {
    case "lit":
      return node.value;
    case "var":
      return scope[node.name];
    case "member": {
      const object = evaluateNode(node.object, scope);
      const key = evaluateNode(node.key, scope);
      if (object === null || object === undefined) return undefined;
      return (object as Record<string, unknown>)[String(key)];
    }
    case "unary": {
      const value = evaluateNode(node.arg, scope);
      return node.op === "!" ? !value : -(value as number);
    }
    case "call": {
      const args = node.args.map((a) => evaluateNode(a, scope));
      if (node.name === "__list") return args;
      if (node.name === "size") {
        const v = args[0];
        if (typeof v === "string" || Array.isArray(v)) return v.length;
        return v && typeof v === "object" ? Object.keys(v).length : 0;
      }
      if (node.name === "string") return String(args[0]);
      throw new Error(`unsupported function ${node.name}()`);
    }
    case "binary": {
      if (node.op === "&&") return Boolean(evaluateNode(node.left, scope)) && Boolean(evaluateNode(node.right, scope));
      if (node.op === "||") return Boolean(evaluateNode(node.left, scope)) || Boolean(evaluateNode(node.right, scope));
      const l = evaluateNode(node.left, scope) as never;
      const r = evaluateNode(node.right, scope) as never;
      switch (node.op) {
        case "==": return equal(l, r);
        case "!=": return !equal(l, r);
        case "<": return l < r;
        case "<=": return l <= r;
        case ">": return l > r;
        case ">=": return l >= r;
        case "+": return (l as number) + (r as number);
        case "-": return (l as number) - (r as number);
        case "*": return (l as number) * (r as number);
        case "/": return (l as number) / (r as number);
        case "%": return (l as number) % (r as number);
        case "in": {
          const container = r as unknown;
          if (Array.isArray(container)) return container.some((item) => equal(item, l));
          return container !== null && typeof container === "object" && String(l) in (container as object);
        }
      }
      throw new Error(`unsupported operator ${node.op}`);
    }
  }
}

const cache = new Map<string, Node>();

/** Evaluates `source` against variables such as { event, async }; throws on syntax errors. */
export function evaluateExpression(source: string, scope: Record<string, unknown>): unknown {
  let tree = cache.get(source);
  if (!tree) {
    tree = parse(source);
    if (cache.size > 500) cache.clear();
    cache.set(source, tree);
  }
  return evaluateNode(tree, scope);
}

/** A filter: true only when the expression evaluates truthy; a broken expression never matches. */
export function expressionMatches(source: string | undefined, scope: Record<string, unknown>): boolean {
  if (!source) return true;
  try {
    return Boolean(evaluateExpression(source, scope));
  } catch {
    return false;
  }
}

/** A key (concurrency, throttle, idempotency): the value as a stable string. */
export function expressionKey(source: string, scope: Record<string, unknown>): string {
  let value: unknown;
  try {
    value = evaluateExpression(source, scope);
  } catch {
    value = undefined;
  }
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}
