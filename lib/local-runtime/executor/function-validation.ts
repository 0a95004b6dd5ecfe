import { parseCron } from "./cron";
import { parseDurationMs } from "./duration";
import type { FunctionConfig } from "./types";

// What a sync must refuse, so that an app that syncs here also syncs on Inngest
// and no option is silently ignored:
// - the checks of Inngest's sync (pkg/inngest/function.go Validate,
//   pkg/inngest/trigger.go, pkg/inngest/concurrency.go, RateLimit.IsValid);
// - options this executor does not implement (they would run with different
//   semantics here than there).

/** Options a function may register here; anything else is refused by name. */
const SUPPORTED_OPTIONS = new Set([
  "id",
  "name",
  "triggers",
  "steps",
  "idempotency",
  "rateLimit",
  "throttle",
  "concurrency",
  "cancel",
  "singleton",
]);

const NOT_IMPLEMENTED: Record<string, string> = {
  batchEvents: "batchEvents (event batching)",
  debounce: "debounce",
  timeouts: "timeouts (start / finish)",
  priority: "priority.run",
  checkpoint: "checkpoint settings",
};

/** pkg/consts/consts.go */
const MAX_TRIGGERS = 10;
const MAX_CANCELLATIONS = 5;
const MAX_CONCURRENCY_LIMITS = 2;
const MAX_EVENT_NAME_LENGTH = 255;
const MAX_CRON_LENGTH = 255;
const MAX_RATE_LIMIT_PERIOD_MS = 24 * 60 * 60 * 1000; // FunctionIdempotencyPeriod
const MIN_CRON_JITTER_MS = 1_000;
const MAX_CRON_JITTER_MS = 5 * 60_000;

export class FunctionConfigError extends Error {
  readonly kind = "function_config_refused";
  constructor(readonly problems: string[]) {
    super(`sync refused: ${problems.join("; ")}`);
    this.name = "FunctionConfigError";
  }
}

function validPeriod(text: unknown): number | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const ms = parseDurationMs(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** Problems with one function's configuration, each naming the function; empty when it may register. */
export function validateFunctionConfig(config: FunctionConfig, appUrlOrigin?: string): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`function "${config.id}": ${message}`);

  for (const key of Object.keys(config)) {
    if (SUPPORTED_OPTIONS.has(key) || (config as Record<string, unknown>)[key] === undefined) continue;
    say(`${NOT_IMPLEMENTED[key] ?? `option "${key}"`} is not implemented by the local executor; remove it or run on Inngest`);
  }

  if (!config.name) say("a function name is required");

  const triggers = config.triggers ?? [];
  if (triggers.length > MAX_TRIGGERS) say(`more than ${MAX_TRIGGERS} triggers`);
  const seen = new Set<string>();
  for (const trigger of triggers as Array<Record<string, unknown>>) {
    const hash = JSON.stringify(trigger);
    if (seen.has(hash)) say(`duplicate trigger ${hash}`);
    seen.add(hash);
    const hasEvent = typeof trigger.event === "string";
    const hasCron = typeof trigger.cron === "string";
    if (hasEvent === hasCron) {
      say("a trigger must supply exactly one of an event name or a cron schedule");
      continue;
    }
    if (hasEvent) {
      const name = trigger.event as string;
      if (name === "") say("an event trigger must specify an event name");
      if (name.length > MAX_EVENT_NAME_LENGTH) say(`event name is too long (max ${MAX_EVENT_NAME_LENGTH} characters)`);
    } else {
      const cron = trigger.cron as string;
      if (cron.length > MAX_CRON_LENGTH) say(`cron is too long (max ${MAX_CRON_LENGTH} characters)`);
      try {
        parseCron(cron);
      } catch (error) {
        say(`'${cron}' isn't a valid cron schedule (${(error as Error).message})`);
      }
      if (trigger.jitter !== undefined && String(trigger.jitter).trim() !== "") {
        const jitter = parseDurationMs(String(trigger.jitter));
        if (jitter === undefined) say(`'${trigger.jitter}' isn't a valid jitter duration`);
        else if (jitter < MIN_CRON_JITTER_MS || jitter > MAX_CRON_JITTER_MS) say("cron jitter must be between 1s and 5m");
        else say("cron jitter is not implemented by the local executor");
      }
    }
  }

  const steps = Object.values(config.steps ?? {});
  if (steps.length !== 1) say("functions must contain one step");
  for (const step of steps) {
    let url: URL | undefined;
    try {
      url = new URL(step.runtime.url);
    } catch {
      say("steps must have a valid URI");
    }
    if (url && !["http:", "https:"].includes(url.protocol)) say(`non-supported step schema: ${url.protocol.replace(":", "")}`);
    if (url && appUrlOrigin && url.origin !== appUrlOrigin) {
      say(`function URL ${url.origin} is not the app URL this executor serves (${appUrlOrigin})`);
    }
  }

  const concurrency = config.concurrency;
  if (concurrency !== undefined && concurrency !== null) {
    const list = typeof concurrency === "number" ? [{ limit: concurrency }] : Array.isArray(concurrency) ? concurrency : [concurrency];
    if (list.length > MAX_CONCURRENCY_LIMITS)
      say(`there are more concurrency limits specified than the allowed max of: ${MAX_CONCURRENCY_LIMITS}`);
    for (const limit of list) {
      const scope = limit.scope ?? "fn";
      if (!["fn", "env", "account"].includes(scope)) say(`invalid concurrency scope: ${scope}`);
      if (scope !== "fn" && !limit.key) say(`a concurrency key must be specified for ${scope} scoped limits`);
    }
  }

  const cancel = config.cancel ?? [];
  if (cancel.length > MAX_CANCELLATIONS) say(`this function exceeds the max number of cancellation events: ${MAX_CANCELLATIONS}`);
  for (const rule of cancel) {
    if (rule.timeout !== undefined && validPeriod(rule.timeout) === undefined) say(`cancelOn timeout '${rule.timeout}' is not a duration`);
  }

  if (config.rateLimit) {
    const { limit, period } = config.rateLimit;
    if (!(limit > 0)) say("rateLimit: limit must be greater than 0");
    if (!period) say("rateLimit: period must be specified");
    else {
      const ms = validPeriod(period);
      if (ms === undefined) say(`rateLimit: failed to parse time duration '${period}'`);
      else if (ms > MAX_RATE_LIMIT_PERIOD_MS) say("rateLimit: period must be less than 24h0m0s");
    }
  }

  if (config.throttle) {
    const { period, burst, limit } = config.throttle;
    if (validPeriod(period) === undefined) say(`throttle: failed to parse time duration '${period}'`);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) say("throttle: limit must be a whole number");
    if (burst !== undefined && !(Number.isInteger(burst) && burst >= 0)) say("throttle: burst must be a whole number");
  }

  if (config.singleton) {
    if (!["skip", "cancel"].includes(config.singleton.mode)) say(`singleton mode '${config.singleton.mode}' is not "skip" or "cancel"`);
  }
  return problems;
}

/** Throws FunctionConfigError listing every problem of every function. */
export function assertFunctionsValid(configs: FunctionConfig[], appUrlOrigin?: string): void {
  const problems = configs.flatMap((config) => validateFunctionConfig(config, appUrlOrigin));
  if (problems.length) throw new FunctionConfigError(problems);
}
