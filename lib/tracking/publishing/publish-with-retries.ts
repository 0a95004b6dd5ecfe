// The publish loop of issue 7 fault 13 (publish-retry-policy.ts), written
// against a durable-step interface so it runs the same on Inngest, on the local
// executor, and in tests: `run` is a memoized step, `sleep` a durable sleep.
// Step ids are numbered by round, so a replay after a crash finds every
// earlier attempt and wait where it left them.
import type { PublishTrackingJobEventData } from "./events";
import type { PublishAttemptResult } from "./publish-attempt";
import type { PublishRetryPolicy } from "./publish-retry-policy";
import type { PublishOutcome } from "./publish-tracking-job";

export interface DurableSteps {
  run<T>(id: string, work: () => Promise<T>): Promise<T>;
  sleep(id: string, ms: number): Promise<void>;
}

export async function publishWithRetries(
  input: PublishTrackingJobEventData,
  deps: {
    steps: DurableSteps;
    policy: PublishRetryPolicy;
    attempt: (failuresSoFar: number) => Promise<PublishAttemptResult>;
    recordFailure: (error: string) => Promise<unknown>;
  },
): Promise<PublishOutcome> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (let round = 0; ; round++) {
    const failuresSoFar = failures;
    const result = await deps.steps.run(round === 0 ? "publish" : `publish-${round}`, () => deps.attempt(failuresSoFar));
    if (result.status !== "rate_limited" && result.status !== "retry") return result;
    if (result.status === "rate_limited") rateLimitWaits++;
    else failures++;
    const exhausted = result.status === "retry" ? failures >= deps.policy.maxAttempts : rateLimitWaits > deps.policy.maxRateLimitWaits;
    if (exhausted) {
      const why = result.status === "retry" ? `after ${failures} attempts` : `after ${rateLimitWaits - 1} rate-limit waits`;
      const error = `${result.error} (gave up ${why})`;
      await deps.steps.run("record-publish-failure", () => deps.recordFailure(error));
      return { status: "failed", customId: input.customId, error };
    }
    await deps.steps.sleep(`${result.status === "retry" ? "backoff" : "rate-limit-wait"}-${round}`, Math.max(1, result.waitMs));
  }
}
