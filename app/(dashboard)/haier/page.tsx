import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getStaffSession } from "@/lib/auth/get-staff-session";
import { HaierDashboard } from "./haier-dashboard";

export default async function HaierPage() {
  const [t, session] = await Promise.all([getTranslations("haier"), getStaffSession()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HaierDashboard isAdmin={session?.user?.role === "admin"} />
    </>
  );
}
