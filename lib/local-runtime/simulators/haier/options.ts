import type { FaultConfig } from "../framework/types";

/** What can change while the simulator runs (`configure` or POST /__simulator/config). */
export interface HaierBehaviour {
  /** `expires_in` of issued tokens; short values exercise the client's re-authentication. */
  tokenTtlSeconds: number;
  /** Products in the catalogue (indexes 0..size-1). */
  catalogueSize: number;
  /** Most product codes one product-info or price call accepts (more → 400). */
  maxCodesPerCall: number;
}

export interface HaierSimulatorOptions extends Partial<HaierBehaviour> {
  port?: number;
  host?: string;
  seed?: number;
  /** Credentials the token endpoint accepts; when absent any non-empty pair is accepted. */
  clientId?: string;
  clientSecret?: string;
  faults?: Partial<FaultConfig>;
  /** Fixed clock for prices (tests); default the real time. */
  now?: () => Date;
  log?: (line: string) => void;
}

export const DEFAULT_HAIER_BEHAVIOUR: HaierBehaviour = {
  tokenTtlSeconds: 7200,
  catalogueSize: 5000,
  maxCodesPerCall: 50,
};

export function validateHaierBehaviour(partial: Partial<HaierBehaviour>): Partial<HaierBehaviour> {
  const problems: string[] = [];
  if (partial.tokenTtlSeconds !== undefined && !(partial.tokenTtlSeconds > 0)) problems.push("tokenTtlSeconds must be > 0");
  if (
    partial.catalogueSize !== undefined &&
    !(Number.isInteger(partial.catalogueSize) && partial.catalogueSize >= 0 && partial.catalogueSize <= 9_999_999)
  ) {
    problems.push("catalogueSize must be a whole number from 0 to 9999999");
  }
  if (partial.maxCodesPerCall !== undefined && !(Number.isInteger(partial.maxCodesPerCall) && partial.maxCodesPerCall >= 1)) {
    problems.push("maxCodesPerCall must be a whole number >= 1");
  }
  if (problems.length > 0) throw new RangeError(problems.join("; "));
  return partial;
}
