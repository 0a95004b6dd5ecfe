// Options shared by the Haier and Temu schedule functions (issue 13, "one sync
// of a kind at a time"). A schedule's tick waits for the syncs it starts
// (step.invoke), so its run lasts as long as they do; a tick that comes while
// the previous one is unfinished is skipped (singleton mode "skip"), not
// queued: the running sync already brings the data up to date, a queued copy
// would only repeat it, and a slow source would pile ticks up. Nothing is
// written for a skipped tick. Manual requests keep the sync functions'
// queueing concurrency key instead (see each sync function).

export const SCHEDULED_SYNC_SINGLETON = { mode: "skip" } as const;

/** How long a tick waits for its syncs; after that it ends and the syncs carry on alone. */
export const SCHEDULED_SYNC_WAIT = "6h";
