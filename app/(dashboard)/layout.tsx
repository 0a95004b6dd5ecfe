import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { PreferencesControls } from "@/components/settings/preferences-controls";
import { getStaffSession } from "@/lib/auth/get-staff-session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getStaffSession();
  if (!session?.user) redirect("/signin");
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen">
      <aside className="w-52 shrink-0 border-r border-slate-200 bg-slate-100 p-4">
        <div className="mb-6 px-3 text-lg font-semibold">{t("app.name")}</div>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-3 border-b border-slate-200 bg-white px-6 py-3 text-sm">
          <PreferencesControls />
          <span data-testid="current-user">
            {session.user.email}{" "}
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t(`auth.roles.${session.user.role}`)}</span>
          </span>
          <SignOutButton />
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
