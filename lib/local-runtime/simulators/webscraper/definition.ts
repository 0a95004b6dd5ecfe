import { allTrackerConfigs } from "../../../tracking/tracker-configs";
import { definedOnly, envJson, envNumber, envNumberList, type SimulatorDefinition } from "../framework/definition";
import type { FaultConfig } from "../framework/types";
import type { WebScraperSimulatorOptions } from "./options";
import { startWebScraperSimulator, type WebScraperSimulator } from "./simulator";

function optionsFromEnv(env: Record<string, string | undefined>): WebScraperSimulatorOptions {
  const token = env.WEB_SCRAPER_API_TOKEN?.trim();
  return definedOnly({
    port: envNumber(env, "WEBSCRAPER_SIMULATOR_PORT"),
    // The simulator accepts the token the platform's client sends.
    apiTokens: token ? [token] : undefined,
    webhookUrl: env.WEBSCRAPER_SIMULATOR_WEBHOOK_URL?.trim() || undefined,
    stateFile: env.WEBSCRAPER_SIMULATOR_STATE_FILE?.trim() || undefined,
    jobDurationMs: envNumber(env, "WEBSCRAPER_SIMULATOR_JOB_DURATION_MS"),
    failureRate: envNumber(env, "WEBSCRAPER_SIMULATOR_FAILURE_RATE"),
    malformedRate: envNumber(env, "WEBSCRAPER_SIMULATOR_MALFORMED_RATE"),
    japanPostShare: envNumber(env, "WEBSCRAPER_SIMULATOR_JAPAN_POST_SHARE"),
    webhookRetryDelaysMs: envNumberList(env, "WEBSCRAPER_SIMULATOR_WEBHOOK_RETRY_DELAYS_MS"),
    sitemapNames: envJson<Record<string, string>>(env, "WEBSCRAPER_SIMULATOR_SITEMAP_NAMES"),
    faults: envJson<Partial<FaultConfig>>(env, "WEBSCRAPER_SIMULATOR_FAULTS"),
  });
}

export const webScraperSimulatorDefinition: SimulatorDefinition<WebScraperSimulatorOptions, WebScraperSimulator> = {
  // Name every tracker's sitemap as the platform does, so notifications carry the sitemap_name its webhook maps to a tracker.
  platformDefaults: () => ({
    sitemapNames: Object.fromEntries(allTrackerConfigs().map((config) => [config.sitemapId, config.sitemapName])),
  }),
  optionsFromEnv,
  start: startWebScraperSimulator,
};
