import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function LogsPage() {
  return (
    <>
      <PageHeader title="Logs" description="Every sync and tracking outcome." />
      <EmptyState title="No logs yet" />
    </>
  );
}
