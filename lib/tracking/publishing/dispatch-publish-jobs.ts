// How a worker or an import hands its jobs to the publisher: to the engine as
// events (the engine's throttle paces them), or in process for the CLI's
// --sync mode. The engine's event sender is handed in by the caller (a route,
// an Inngest function, a script): domain code never imports the Inngest client.
import { publishEvents, type PublishTrackingJobEventData } from "./events";

export interface DispatchResult {
  dispatched: number;
  eventIds: string[];
}

export type PublishDispatcher = (jobs: PublishTrackingJobEventData[]) => Promise<DispatchResult>;

/** Sends events to the engine (`(events) => inngest.send(events)`); answers their ids. */
export type SendEvents = (events: { name: string; data: Record<string, unknown>; id?: string }[]) => Promise<{ ids: string[] }>;

/** One send for the whole batch; ids `publish-{customId}` make a re-send harmless. */
export function publishEventsDispatcher(send: SendEvents): PublishDispatcher {
  return async (jobs) => {
    if (jobs.length === 0) return { dispatched: 0, eventIds: [] };
    const { ids } = await send(publishEvents(jobs));
    return { dispatched: jobs.length, eventIds: ids };
  };
}

/** For an optional dispatcher that a call turned out to need. */
export function requireDispatcher(dispatch: PublishDispatcher | undefined, what: string): PublishDispatcher {
  if (!dispatch) throw new Error(`${what} has jobs to publish but was given no dispatcher`);
  return dispatch;
}
