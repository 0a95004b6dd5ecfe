// Seed 003 "监控指标" over finished runs: throughput (> 100 products/min),
// success rate (> 95 %), average API latency (< 5 s), failure rate (< 5 %).
export interface RunForMetrics {
  status: string;
  total_count: number;
  success_count: number;
  failed_count: number;
  duration: number | null;
  api_calls: number;
  api_latency_ms: number;
}

export const SEED_THRESHOLDS = {
  productsPerMinute: 100,
  successRate: 0.95,
  avgApiLatencySeconds: 5,
  failureRate: 0.05,
} as const;

export interface SyncMetric {
  value: number | null;
  threshold: number;
  /** True when the value is on the wrong side of the seed's threshold. */
  breached: boolean;
}

export interface SyncMetrics {
  runs: number;
  productsPerMinute: SyncMetric;
  successRate: SyncMetric;
  avgApiLatencySeconds: SyncMetric;
  failureRate: SyncMetric;
}

function metric(value: number | null, threshold: number, higherIsBetter: boolean): SyncMetric {
  return { value, threshold, breached: value !== null && (higherIsBetter ? value <= threshold : value >= threshold) };
}

export function computeSyncMetrics(runs: RunForMetrics[]): SyncMetrics {
  const finished = runs.filter((r) => ["success", "partial", "failed"].includes(r.status));
  const total = finished.reduce((n, r) => n + r.total_count, 0);
  const success = finished.reduce((n, r) => n + r.success_count, 0);
  const failed = finished.reduce((n, r) => n + r.failed_count, 0);
  const timed = finished.filter((r) => r.duration !== null && r.duration > 0);
  const seconds = timed.reduce((n, r) => n + (r.duration ?? 0), 0);
  const timedSuccess = timed.reduce((n, r) => n + r.success_count, 0);
  const calls = finished.reduce((n, r) => n + r.api_calls, 0);
  const latency = finished.reduce((n, r) => n + r.api_latency_ms, 0);
  return {
    runs: finished.length,
    productsPerMinute: metric(seconds > 0 ? (timedSuccess / seconds) * 60 : null, SEED_THRESHOLDS.productsPerMinute, true),
    successRate: metric(total > 0 ? success / total : null, SEED_THRESHOLDS.successRate, true),
    avgApiLatencySeconds: metric(calls > 0 ? latency / calls / 1000 : null, SEED_THRESHOLDS.avgApiLatencySeconds, false),
    failureRate: metric(total > 0 ? failed / total : null, SEED_THRESHOLDS.failureRate, false),
  };
}
