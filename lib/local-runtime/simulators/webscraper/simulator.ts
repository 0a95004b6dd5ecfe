import { createSimulatorServer, seedFor, type SimulatorServer } from "../framework/server";
import { unitFromParts } from "../framework/random";
import type { FaultConfig, RecordedRequest } from "../framework/types";
import { ContinueRefusedError, createAdminRoutes } from "./admin-routes";
import { createTokenCheck } from "./auth";
import { createJobRunner } from "./job-runner";
import { createJobStore, type SimulatedJob } from "./job-store";
import { resolveBehaviour, validateBehaviour, type WebScraperBehaviour, type WebScraperSimulatorOptions } from "./options";
import { createApiRoutes } from "./routes";
import { sitemapNameResolver } from "./sitemaps";
import { readStateFile, writeStateFile } from "./state-file";
import type { WebhookAttempt } from "./webhook";

export interface WebScraperSimulator {
  readonly name: "webscraper";
  /** Base URL to give the client as WEB_SCRAPER_API_BASE_URL. */
  readonly url: string;
  readonly port: number;
  readonly server: SimulatorServer;
  readonly requests: readonly RecordedRequest[];
  /** Every notification attempt, oldest first. */
  readonly webhookAttempts: readonly WebhookAttempt[];
  readonly behaviour: WebScraperBehaviour;
  setFaults(partial: Partial<FaultConfig>): FaultConfig;
  configure(partial: Partial<WebScraperBehaviour>): WebScraperBehaviour;
  jobs(): SimulatedJob[];
  getJob(id: number): SimulatedJob | undefined;
  /** Re-runs a finished or failed job: more rows, a fresh notification for the same id. */
  continueJob(id: number): SimulatedJob;
  /** Resolves once no job is running and every notification has been delivered or given up. */
  whenIdle(): Promise<void>;
  /** Environment the platform needs to talk to this simulator. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startWebScraperSimulator(options: WebScraperSimulatorOptions = {}): Promise<WebScraperSimulator> {
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  let behaviour = resolveBehaviour(options);
  const stateFile = options.stateFile;
  const store = createJobStore(options.firstJobId ?? 3_000_001, stateFile ? readStateFile(stateFile) : undefined);
  const save = stateFile ? () => writeStateFile(stateFile, store.snapshot()) : undefined;
  const sitemapName = sitemapNameResolver(options.sitemapNames);
  const runner = createJobRunner({ seed, behaviour: () => behaviour, log, onChange: save });
  // Runs cut short by the last stop or crash finish now, and notify as they would have.
  for (const job of store.all()) {
    if (job.status === "waiting-to-be-scheduled" || job.status === "scheduled" || job.status === "started") runner.runPass(job);
    else if (job.notification_pending) runner.notify(job);
  }

  const configure = (partial: Partial<WebScraperBehaviour>) => {
    behaviour = { ...behaviour, ...validateBehaviour(partial) };
    return behaviour;
  };

  const continueJob = (id: number): SimulatedJob => {
    const job = store.get(id);
    if (!job) throw new ContinueRefusedError(`scraping job ${id} not found`, 404);
    if (job.status !== "finished" && job.status !== "failed" && job.status !== "stopped") {
      throw new ContinueRefusedError(`scraping job ${id} is ${job.status}; only a finished or failed job can continue`, 409);
    }
    runner.runPass(job);
    return job;
  };

  const server = await createSimulatorServer({
    name: "webscraper",
    seed: seedFor("webscraper", seed),
    port: options.port,
    host: options.host,
    faults: options.faults,
    routes: createApiRoutes({
      store,
      isAuthorized: createTokenCheck(options.apiTokens),
      behaviour: () => behaviour,
      listPageSize: options.listPageSize ?? 100,
      listFiltersByCustomId: options.listFiltersByCustomId ?? true,
      redirectExports: options.redirectExports ?? false,
      publish(input) {
        const job = store.add(input, sitemapName(input.sitemap_id), Math.floor(Date.now() / 1000));
        job.malformed = unitFromParts(seed, "malformed", job.id) < behaviour.malformedRate;
        runner.runPass(job); // saves the state before the job's id is answered
        return job;
      },
    }),
    adminRoutes: createAdminRoutes({
      behaviour: () => behaviour,
      configure,
      continueJob,
      jobs: () => store.all(),
      webhookAttempts: () => runner.webhookAttempts,
    }),
  });
  log(`WebScraper.io simulator listening on ${server.url}`);

  return {
    name: "webscraper",
    url: server.url,
    port: server.port,
    server,
    get requests() {
      return server.requests;
    },
    get webhookAttempts() {
      return runner.webhookAttempts;
    },
    get behaviour() {
      return behaviour;
    },
    setFaults: (partial) => server.setFaults(partial),
    configure,
    jobs: () => store.all(),
    getJob: (id) => store.get(id),
    continueJob,
    whenIdle: () => runner.whenIdle(),
    env: () => ({ WEB_SCRAPER_API_BASE_URL: server.url }),
    async stop() {
      runner.stop();
      await server.stop();
    },
  };
}
