import type { ReactNode } from "react";

export function Table({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    // Focusable so a table wider than a phone can be scrolled from the keyboard (axe scrollable-region-focusable).
    <div
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return <th className={`bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 ${className}`}>{children}</th>;
}

export function Td({ children, className = "", title }: { children?: ReactNode; className?: string; title?: string }) {
  return (
    <td className={`border-t border-slate-100 px-3 py-2 align-top ${className}`} title={title}>
      {children}
    </td>
  );
}
