// Public surface of the local Inngest executor (see README.md).
export { startExecutor, type RunningExecutor, type StartExecutorOptions } from "./start-executor";
export {
  listRuns,
  getRun,
  rerunRun,
  cancelRun,
  listRunsInputSchema,
  RUN_STATUSES,
  type RunSummary,
  type RunDetail,
  type RunStep,
} from "./runs-query";
