// Every Temu API call's outcome and latency per shop (seed 004 §8: API failure
// rate > 5% is an alert). Buffered and written in bulk so logging never costs
// a statement per call.
import type { Db } from "../db/client";

export interface ApiCallOutcome {
  shopId: number | null;
  appKey: string;
  type: string;
  ok: boolean;
  errorCode: number | null;
  latencyMs: number;
  at: Date;
}

export interface ApiCallLog {
  record(outcome: ApiCallOutcome): void;
  flush(): Promise<void>;
}

export function createDbApiCallLog(db: Db, flushAt = 200): ApiCallLog {
  let buffer: ApiCallOutcome[] = [];
  let pending: Promise<void> = Promise.resolve();
  const flush = async () => {
    const rows = buffer;
    buffer = [];
    if (rows.length > 0) {
      pending = pending
        .then(() => db.temuApiCall.createMany({ data: rows }).then(() => undefined))
        .catch((error) => {
          console.error("[temu] could not record API calls", error);
        });
    }
    await pending;
  };
  return {
    record(outcome) {
      buffer.push(outcome);
      if (buffer.length >= flushAt) void flush();
    },
    flush,
  };
}

export const noApiCallLog: ApiCallLog = { record() {}, async flush() {} };
