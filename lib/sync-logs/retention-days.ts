/** How long history is kept unless configured: 90 days, as Svix keeps deliveries. */
export const DEFAULT_RETENTION_DAYS = 90;

/** RETENTION_DAYS, read the same way for SyncLog pruning and the local executor's history. */
export function retentionDaysFrom(value: string | undefined): number {
  const days = Number(value);
  return value && Number.isInteger(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS;
}
