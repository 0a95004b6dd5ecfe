"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** Loading and error display shared by every React Query page. */
export function QueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children: ReactNode }) {
  const t = useTranslations("common");
  if (isLoading) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (error)
    return (
      <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
        {(error as Error).message}
      </p>
    );
  return <>{children}</>;
}
