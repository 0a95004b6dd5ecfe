"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/tracking", label: "Tracking" },
  { href: "/haier", label: "Haier" },
  { href: "/temu", label: "Temu" },
  { href: "/logs", label: "Logs" },
  { href: "/runs", label: "Runs" },
];

export function SidebarNav() {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {NAV_ITEMS.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={isActive(item.href) ? "page" : undefined}
          className={`rounded-md px-3 py-2 text-sm font-medium ${
            isActive(item.href) ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"
          }`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
