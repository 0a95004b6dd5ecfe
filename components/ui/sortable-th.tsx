"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** A column header that sorts the list; aria-sort tells screen readers the current order. */
export function SortableTh({
  column,
  sort,
  dir,
  onSort,
  children,
  className = "",
}: {
  column: string;
  sort: string;
  dir: string;
  onSort: (column: string, dir: "asc" | "desc") => void;
  children: ReactNode;
  className?: string;
}) {
  const t = useTranslations("common");
  const active = sort === column;
  const next = active && dir === "desc" ? "asc" : "desc";
  return (
    <th
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className={`bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 ${className}`}
    >
      <button
        type="button"
        data-sort={column}
        onClick={() => onSort(column, next)}
        className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
        title={t(next === "asc" ? "sortAscending" : "sortDescending")}
      >
        {children}
        <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </th>
  );
}
