// Imported by the worker CLIs before anything creates the Inngest client, which
// reads its settings once. When nothing names an Inngest server, events go to
// this machine's executor, where `npm run platform` serves it (INNGEST_EXECUTOR_HOST/PORT).
export function prepareEngineEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL || env.INNGEST_DEV) return;
  env.INNGEST_DEV = "1";
  env.INNGEST_BASE_URL = `http://${env.INNGEST_EXECUTOR_HOST ?? "127.0.0.1"}:${env.INNGEST_EXECUTOR_PORT ?? 8288}`;
}
