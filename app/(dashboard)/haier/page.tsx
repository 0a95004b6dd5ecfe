import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default async function HaierPage() {
  const t = await getTranslations("placeholders.haier");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
    </>
  );
}
