"use client";

import { useTranslations } from "next-intl";
import { useStatusLabel } from "@/components/ui/status-badge";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function StatusBarChart({ data, color = "#0f172a" }: { data: { status: string; count: number }[]; color?: string }) {
  const t = useTranslations("overview");
  const label = useStatusLabel();
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="status"
            tick={{ fontSize: 11 }}
            interval={0}
            angle={-25}
            textAnchor="end"
            height={56}
            tickFormatter={(status: string) => label(status)}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip labelFormatter={(status) => label(String(status))} />
          <Bar dataKey="count" name={t("count")} fill={color} radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
