"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";

// Labels are catalog keys under "nav".
const NAV_ITEMS = [
  { href: "/", label: "overview" },
  { href: "/tracking", label: "tracking" },
  { href: "/haier", label: "haier" },
  { href: "/temu", label: "temu" },
  { href: "/logs", label: "logs" },
  { href: "/runs", label: "runs" },
  { href: "/settings/notifications", label: "notifications" },
] as const;

export function SidebarNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <nav aria-label={t("main")} className="flex flex-col gap-1">
      {NAV_ITEMS.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={isActive(item.href) ? "page" : undefined}
          className={`rounded-md px-3 py-2 text-sm font-medium ${
            isActive(item.href) ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"
          }`}
        >
          {t(item.label)}
        </Link>
      ))}
    </nav>
  );
}
