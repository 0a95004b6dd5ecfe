/** A running sync's page progress. */
export function SyncProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="mt-1">
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
      >
        <div className="h-full bg-blue-500 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <div className="mt-0.5 text-xs text-slate-500" data-testid="sync-progress-label">
        {label}
      </div>
    </div>
  );
}
