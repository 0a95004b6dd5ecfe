import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h3 className="text-base font-semibold text-slate-700">{title}</h3>
      {children && <div className="mt-2 text-sm text-slate-500">{children}</div>}
    </div>
  );
}
