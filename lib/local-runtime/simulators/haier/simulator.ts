import { createSimulatorServer, seedFor, type SimulatorServer } from "../framework/server";
import type { FaultConfig, RecordedRequest, RouteDefinition } from "../framework/types";
import { DEFAULT_HAIER_BEHAVIOUR, validateHaierBehaviour, type HaierBehaviour, type HaierSimulatorOptions } from "./options";
import { createHaierRoutes, HAIER_PATHS } from "./routes";
import { createTokenStore } from "./tokens";

export interface HaierSimulator {
  readonly name: "haier";
  /** Both HAIER_BASE_URL and HAIER_TOKEN_URL. */
  readonly url: string;
  readonly port: number;
  readonly server: SimulatorServer;
  readonly requests: readonly RecordedRequest[];
  readonly behaviour: HaierBehaviour;
  setFaults(partial: Partial<FaultConfig>): FaultConfig;
  configure(partial: Partial<HaierBehaviour>): HaierBehaviour;
  /** Voids every issued token: the next API call answers 401. */
  revokeTokens(): number;
  tokensIssued(): number;
  /** Recorded calls per path (faulted ones included). */
  callCounts(): Record<string, number>;
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startHaierSimulator(options: HaierSimulatorOptions = {}): Promise<HaierSimulator> {
  const seed = options.seed ?? 1;
  let behaviour: HaierBehaviour = { ...DEFAULT_HAIER_BEHAVIOUR, ...validateHaierBehaviour(options) };
  behaviour = {
    tokenTtlSeconds: behaviour.tokenTtlSeconds,
    catalogueSize: behaviour.catalogueSize,
    maxCodesPerCall: behaviour.maxCodesPerCall,
  };
  const tokens = createTokenStore();
  const configure = (partial: Partial<HaierBehaviour>) => {
    behaviour = { ...behaviour, ...validateHaierBehaviour(partial) };
    return behaviour;
  };
  const adminRoutes: RouteDefinition[] = [
    { method: "GET", path: "/__simulator/config", handler: () => ({ body: behaviour }) },
    {
      method: "POST",
      path: "/__simulator/config",
      handler: (request) => {
        try {
          return { body: configure((request.body ?? {}) as Partial<HaierBehaviour>) };
        } catch (error) {
          return { status: 400, body: { success: false, message: (error as Error).message } };
        }
      },
    },
    { method: "POST", path: "/__simulator/revoke-tokens", handler: () => ({ body: { revoked: tokens.revokeAll() } }) },
  ];
  const server = await createSimulatorServer({
    name: "haier",
    seed: seedFor("haier", seed),
    port: options.port,
    host: options.host,
    faults: options.faults,
    // A 5,000-product sync makes ~6,000 calls; keep them all for call counting.
    maxRecordedRequests: 100_000,
    errorBody: (status, message) => ({ success: false, code: String(status), message, data: null }),
    routes: createHaierRoutes({
      seed,
      behaviour: () => behaviour,
      tokens,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      now: options.now ?? (() => new Date()),
    }),
    adminRoutes,
  });
  options.log?.(`Haier simulator listening on ${server.url}`);

  return {
    name: "haier",
    url: server.url,
    port: server.port,
    server,
    get requests() {
      return server.requests;
    },
    get behaviour() {
      return behaviour;
    },
    setFaults: (partial) => server.setFaults(partial),
    configure,
    revokeTokens: () => tokens.revokeAll(),
    tokensIssued: () => tokens.issuedCount(),
    callCounts() {
      const counts: Record<string, number> = {};
      for (const request of server.requests) {
        const key = request.path.startsWith("/images/")
          ? "images"
          : (Object.entries(HAIER_PATHS).find(([, p]) => p === request.path)?.[0] ?? request.path);
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    env: () => ({ HAIER_BASE_URL: server.url, HAIER_TOKEN_URL: server.url }),
    stop: () => server.stop(),
  };
}
