// Run statuses as the Runs page and API name them (Inngest's FunctionRunStatus,
// lower case): the one list for the API's filter, its type and the pages. Its
// own file, free of imports, so client components can use it. The local
// executor keeps its own list (lib/local-runtime/executor/types.ts): it is lifted out
// as a package of its own and imports nothing from the product.
export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Runs that may still change: the pages keep polling them. */
export const ACTIVE_RUN_STATUSES: readonly string[] = ["queued", "running"] satisfies readonly RunStatus[];
