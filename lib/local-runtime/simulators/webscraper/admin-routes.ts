import { ADMIN_PREFIX } from "../framework/server";
import type { RouteDefinition, SimulatorResponse } from "../framework/types";
import { publicJobView, type SimulatedJob } from "./job-store";
import type { WebScraperBehaviour } from "./options";
import type { WebhookAttempt } from "./webhook";

export interface AdminRouteDeps {
  behaviour: () => WebScraperBehaviour;
  configure: (partial: Partial<WebScraperBehaviour>) => WebScraperBehaviour;
  continueJob: (id: number) => SimulatedJob;
  jobs: () => SimulatedJob[];
  webhookAttempts: () => readonly WebhookAttempt[];
}

const fail = (status: number, error: string): SimulatorResponse => ({ status, body: { success: false, error } });

/**
 * The behaviour as the admin endpoint shows it: the webhook URL carries the
 * platform's webhook token in its query, so every query value is masked.
 */
export function redactedBehaviour(behaviour: WebScraperBehaviour): WebScraperBehaviour {
  if (!behaviour.webhookUrl) return behaviour;
  let url: URL;
  try {
    url = new URL(behaviour.webhookUrl);
  } catch {
    return { ...behaviour, webhookUrl: "[redacted]" };
  }
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, "[redacted]");
  url.username = "";
  url.password = "";
  return { ...behaviour, webhookUrl: url.toString() };
}

export class ContinueRefusedError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
  }
}

export function createAdminRoutes(deps: AdminRouteDeps): RouteDefinition[] {
  return [
    { method: "GET", path: `${ADMIN_PREFIX}/config`, handler: () => ({ body: redactedBehaviour(deps.behaviour()) }) },
    {
      method: "POST",
      path: `${ADMIN_PREFIX}/config`,
      handler: (request) => {
        if (typeof request.body !== "object" || request.body === null) return fail(400, "expected a JSON object");
        try {
          return { body: redactedBehaviour(deps.configure(request.body as Partial<WebScraperBehaviour>)) };
        } catch (error) {
          return fail(400, (error as Error).message);
        }
      },
    },
    {
      method: "GET",
      path: `${ADMIN_PREFIX}/jobs`,
      handler: () => ({
        body: deps.jobs().map((job) => ({ ...publicJobView(job), start_urls: job.start_urls, passes: job.passes })),
      }),
    },
    { method: "GET", path: `${ADMIN_PREFIX}/webhooks`, handler: () => ({ body: deps.webhookAttempts() }) },
    {
      // The "Continue" button of the Web Scraper Cloud UI: scrape again, append rows, notify again.
      method: "POST",
      path: `${ADMIN_PREFIX}/scraping-job/:id/continue`,
      handler: (request) => {
        try {
          return { body: { success: true, data: publicJobView(deps.continueJob(Number(request.params.id))) } };
        } catch (error) {
          if (error instanceof ContinueRefusedError) return fail(error.status, error.message);
          throw error;
        }
      },
    },
  ];
}
