import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function HaierPage() {
  return (
    <>
      <PageHeader title="Haier" description="Supplier sync: products, prices, stock, logistics." />
      <EmptyState title="Haier sync is not set up yet">
        Product, price and stock runs with their sync logs will appear here once the Haier integration is enabled.
      </EmptyState>
    </>
  );
}
