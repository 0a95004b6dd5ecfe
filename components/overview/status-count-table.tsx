export function StatusCountTable({ rows, testId }: { rows: { status: string; count: number }[]; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">Nothing recorded yet.</p>;
  return (
    <table className="mt-3 w-full text-sm" data-testid={testId}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.status} className="border-t border-slate-100">
            <td className="py-1 text-slate-600">{row.status.replaceAll("_", " ")}</td>
            <td className="py-1 text-right font-medium" data-status={row.status}>
              {row.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
