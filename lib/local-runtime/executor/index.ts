// Public surface of the local Inngest executor (see README.md).
export { startExecutor, type RunningExecutor, type StartExecutorOptions } from "./start-executor";
export { executorSettingsFromEnv, type ExecutorSettings } from "./settings-from-env";
export { listRuns, getRun, rerunRun, cancelRun, listRunsInputSchema, RUN_STATUSES, type RunSummary, type RunDetail, type RunStep } from "./runs-query";
