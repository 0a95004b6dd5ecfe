import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function TrackingPage() {
  return (
    <>
      <PageHeader title="Tracking" description="Scraping batches, their jobs and the orders they update." />
      <EmptyState title="No tracking batches yet" />
    </>
  );
}
