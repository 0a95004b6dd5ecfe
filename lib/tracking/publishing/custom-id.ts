// Seed 001 §1.5: custom ids are `{prefix}-{batch_short}-{idx:04d}`, batch_short
// being the first 8 characters of the batch uuid; the webhook finds the tracker
// (and the TrackingJob) from this id, so its shape is a contract.

export function batchShortId(batchUuid: string): string {
  return batchUuid.replace(/-/g, "").slice(0, 8).toLowerCase();
}

export function buildCustomId(prefix: string, batchUuid: string, index: number): string {
  return `${prefix}-${batchShortId(batchUuid)}-${String(index).padStart(4, "0")}`;
}
