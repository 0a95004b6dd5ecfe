// How a worker or an import hands its jobs to the publisher: to the engine as
// events (the default; the engine's throttle paces them), or in process for
// the CLI's --sync mode.
import { inngest } from "../../../inngest/client";
import { publishEvents, type PublishTrackingJobEventData } from "./events";

export interface DispatchResult {
  dispatched: number;
  eventIds: string[];
}

export type PublishDispatcher = (jobs: PublishTrackingJobEventData[]) => Promise<DispatchResult>;

/** One `inngest.send` for the whole batch; ids `publish-{customId}` make a re-send harmless. */
export const dispatchPublishEvents: PublishDispatcher = async (jobs) => {
  if (jobs.length === 0) return { dispatched: 0, eventIds: [] };
  const { ids } = await inngest.send(publishEvents(jobs));
  return { dispatched: jobs.length, eventIds: ids };
};
