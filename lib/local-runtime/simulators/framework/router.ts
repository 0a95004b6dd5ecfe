import type { RouteDefinition, RouteHandler } from "./types";

interface CompiledRoute {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

export interface Router {
  match(method: string, path: string): RouteMatch | { methodNotAllowed: true } | null;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    if (expected.startsWith(":")) {
      params[expected.slice(1)] = decodeURIComponent(actual[i]);
    } else if (expected !== actual[i]) {
      return null;
    }
  }
  return params;
}

export function createRouter(routes: RouteDefinition[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    method: route.method,
    segments: splitPath(route.path),
    handler: route.handler,
  }));
  return {
    match(method, path) {
      const actual = splitPath(path);
      let pathMatched = false;
      for (const route of compiled) {
        const params = matchSegments(route.segments, actual);
        if (!params) continue;
        pathMatched = true;
        if (route.method === method) return { handler: route.handler, params };
      }
      return pathMatched ? { methodNotAllowed: true } : null;
    },
  };
}
