"use client";

// Below 768 px the sidebar folds into a menu button; the panel closes on navigation.
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SidebarNav } from "./sidebar-nav";

export function MobileNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  // Open for the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav-panel"
        data-testid="mobile-nav-toggle"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700"
      >
        {open ? t("closeMenu") : t("openMenu")}
      </button>
      {open && (
        <div id="mobile-nav-panel" className="absolute left-0 right-0 top-full z-20 border-b border-slate-200 bg-slate-100 p-3 shadow-md">
          <SidebarNav />
        </div>
      )}
    </div>
  );
}
