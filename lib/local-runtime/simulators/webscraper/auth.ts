import type { SimulatorRequest } from "../framework/types";

/** The token of a request: `api_token` in the query (documented API) or a Bearer header (what the export download uses). */
export function tokenOf(request: SimulatorRequest): string | null {
  const fromQuery = request.query.api_token;
  if (fromQuery) return fromQuery;
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match ? match[1].trim() : null;
}

export function createTokenCheck(apiTokens: readonly string[] | undefined): (request: SimulatorRequest) => boolean {
  const accepted = new Set(apiTokens ?? []);
  return (request) => {
    const token = tokenOf(request);
    if (!token) return false;
    return accepted.size === 0 || accepted.has(token);
  };
}
