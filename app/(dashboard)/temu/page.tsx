import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function TemuPage() {
  return (
    <>
      <PageHeader title="Temu" description="Marketplace sync per shop: orders, products, package numbers." />
      <EmptyState title="Temu sync is not set up yet">
        Shops, their order and product syncs, enrichment tasks and health will appear here once the Temu integration is enabled.
      </EmptyState>
    </>
  );
}
