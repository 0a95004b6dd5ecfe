"use client";

import { useTranslations } from "next-intl";

/** Download links for the list as shown (same filters and sort), as CSV and XLSX. */
export function ExportLinks({ href, query }: { href: string; query?: URLSearchParams }) {
  const t = useTranslations("common");
  const link = (format: "csv" | "xlsx") => {
    const params = new URLSearchParams(query);
    params.delete("page");
    params.set("format", format);
    return `${href}?${params}`;
  };
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="export-links">
      <span className="text-slate-600">{t("export")}</span>
      <a className="rounded border border-slate-300 bg-white px-2 py-1 text-blue-700 hover:bg-slate-100" href={link("csv")} download>
        {t("csv")}
      </a>
      <a className="rounded border border-slate-300 bg-white px-2 py-1 text-blue-700 hover:bg-slate-100" href={link("xlsx")} download>
        {t("xlsx")}
      </a>
    </div>
  );
}
