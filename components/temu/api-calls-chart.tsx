"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ApiCallPoint {
  at: string;
  calls: number;
  failures: number;
}

export function ApiCallsChart({ points, labels }: { points: ApiCallPoint[]; labels: { calls: string; failures: string } }) {
  const data = points.map((p) => ({ ...p, time: new Date(p.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) }));
  return (
    <div className="h-56 w-full" data-testid="temu-api-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="time" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="calls" name={labels.calls} fill="#0f172a" radius={[3, 3, 0, 0]} />
          <Line dataKey="failures" name={labels.failures} stroke="#dc2626" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
