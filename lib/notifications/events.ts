// Sent by the monitoring evaluation when alerts opened or cleared, so the
// notifications go out at once rather than at the next minute's sweep.
export const ALERTS_CHANGED_EVENT = "monitoring/alerts.changed";
