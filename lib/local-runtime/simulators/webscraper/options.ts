import type { FaultConfig } from "../framework/types";
import { DEFAULT_JAPAN_POST_SHARE } from "./render-export";
import type { SitemapNames } from "./sitemaps";

/** What can change while the simulator runs (options, admin endpoint, `configure`). */
export interface WebScraperBehaviour {
  /** Where job-finished notifications go; null sends none. */
  webhookUrl: string | null;
  /** Time from publishing a job to its finishing (it is `started` after a third of it). */
  jobDurationMs: number;
  /** Share (0..1) of scraping passes that end `failed` with no data. */
  failureRate: number;
  /** Share (0..1) of jobs whose CSV export is corrupt. */
  malformedRate: number;
  /** Share (0..1) of Apple orders shipped by Japan Post (single-row export). */
  japanPostShare: number;
  /** The receiver must answer 2xx within this time. */
  webhookTimeoutMs: number;
  /** Waits before each retry of a failed notification; WebScraper.io retries after 5 s and then 10 s. */
  webhookRetryDelaysMs: number[];
}

export interface WebScraperSimulatorOptions extends Partial<WebScraperBehaviour> {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Seeds faults, failures and malformed exports. Default 1. */
  seed?: number;
  /** Tokens the API accepts; empty or absent accepts any non-empty token. */
  apiTokens?: string[];
  /** `{ [sitemapId]: sitemapName }`, merged over the defaults. */
  sitemapNames?: SitemapNames;
  /** Jobs per page of GET /scraping-jobs. Default 100. */
  listPageSize?: number;
  /**
   * Honour a `custom_id` filter on GET /scraping-jobs. Default true; false behaves like an API that
   * ignores the parameter, so callers must page through and match themselves.
   */
  listFiltersByCustomId?: boolean;
  /** Id of the first job published. Default 3000001. */
  firstJobId?: number;
  /**
   * Keep jobs and the id counter in this file (the platform: <data dir>/webscraper-simulator.json):
   * a restart resumes runs in flight, keeps every export and never reuses a job id. Default: memory only.
   */
  stateFile?: string;
  /** Answer the export URL with a 302 to a one-time download link, to exercise redirect handling. Default false. */
  redirectExports?: boolean;
  faults?: Partial<FaultConfig>;
  log?: (message: string) => void;
}

export const DEFAULT_BEHAVIOUR: WebScraperBehaviour = {
  webhookUrl: null,
  jobDurationMs: 3000,
  failureRate: 0,
  malformedRate: 0,
  japanPostShare: DEFAULT_JAPAN_POST_SHARE,
  webhookTimeoutMs: 10_000,
  webhookRetryDelaysMs: [5000, 10_000],
};

export function validateBehaviour(partial: Partial<WebScraperBehaviour>): Partial<WebScraperBehaviour> {
  const problems: string[] = [];
  const share = (name: keyof WebScraperBehaviour) => {
    const value = partial[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= 1)) {
      problems.push(`${name} must be between 0 and 1`);
    }
  };
  share("failureRate");
  share("malformedRate");
  share("japanPostShare");
  for (const name of ["jobDurationMs", "webhookTimeoutMs"] as const) {
    const value = partial[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0)) problems.push(`${name} must be >= 0`);
  }
  const delays = partial.webhookRetryDelaysMs;
  if (delays !== undefined && !(Array.isArray(delays) && delays.every((d) => typeof d === "number" && d >= 0))) {
    problems.push("webhookRetryDelaysMs must be an array of non-negative numbers");
  }
  const url = partial.webhookUrl;
  if (url !== undefined && url !== null && !URL.canParse(url)) problems.push("webhookUrl must be an absolute URL or null");
  if (problems.length > 0) throw new RangeError(problems.join("; "));
  return partial;
}

function pickBehaviour(options: WebScraperSimulatorOptions): Partial<WebScraperBehaviour> {
  const keys = Object.keys(DEFAULT_BEHAVIOUR) as Array<keyof WebScraperBehaviour>;
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}

export function resolveBehaviour(options: WebScraperSimulatorOptions): WebScraperBehaviour {
  return { ...DEFAULT_BEHAVIOUR, ...validateBehaviour(pickBehaviour(options)) };
}
