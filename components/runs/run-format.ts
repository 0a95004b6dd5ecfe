// Formatting shared by the Runs list and the run detail page.
export { ACTIVE_RUN_STATUSES } from "@/lib/runs/run-statuses";

/** Duration parts; the words come from the catalog (runs.duration*). */
export function durationParts(ms: number): { unit: "ms" | "seconds" | "minutes"; values: Record<string, number | string> } {
  if (ms < 1_000) return { unit: "ms", values: { value: ms } };
  if (ms < 60_000) return { unit: "seconds", values: { value: (ms / 1_000).toFixed(1) } };
  return { unit: "minutes", values: { minutes: Math.floor(ms / 60_000), seconds: Math.round((ms % 60_000) / 1_000) } };
}

export function formatJson(value: unknown): string {
  if (value === undefined || value === null) return "—";
  return JSON.stringify(value, null, 2);
}
