import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getStaffSession } from "@/lib/auth/get-staff-session";
import { NotificationSettings } from "./notification-settings";

export default async function NotificationsPage() {
  const [t, session] = await Promise.all([getTranslations("notifications"), getStaffSession()]);
  const isAdmin = session?.user?.role === "admin";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {isAdmin ? (
        <NotificationSettings />
      ) : (
        <p className="rounded border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="notifications-admin-only">
          {t("adminOnly")}
        </p>
      )}
    </>
  );
}
