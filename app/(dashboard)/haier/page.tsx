import { haierText } from "@/components/haier/haier-text";
import { PageHeader } from "@/components/ui/page-header";
import { getStaffSession } from "@/lib/auth/get-staff-session";
import { HaierDashboard } from "./haier-dashboard";

export default async function HaierPage() {
  const session = await getStaffSession();
  return (
    <>
      <PageHeader title={haierText("title")} description={haierText("description")} />
      <HaierDashboard isAdmin={session?.user?.role === "admin"} />
    </>
  );
}
