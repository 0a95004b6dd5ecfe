"use client";

// Trends of the last 14 days: orders delivered per day, exports processed per hour, failures per day.
import { useTranslations } from "next-intl";
import type { ReactElement } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CockpitTrends } from "@/lib/overview/get-cockpit-trends";

const shortDay = (day: string) => day.slice(5);

function ChartBox({ title, summary, children, testId }: { title: string; summary: string; children: ReactElement; testId: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="text-sm font-semibold text-slate-700">{title}</figcaption>
      <p className="text-xs text-slate-700">{summary}</p>
      <div className="mt-2 h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function TrendCharts({ data }: { data: CockpitTrends }) {
  const t = useTranslations("overview");
  const delivered = data.delivered_per_day.reduce((n, d) => n + d.orders, 0);
  const exportsTotal = data.exports_per_hour.reduce((n, d) => n + d.processed, 0);
  const failures = data.failures_per_day.reduce((n, d) => n + d.tracking + d.haier, 0);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <ChartBox title={t("deliveredPerDay")} summary={t("totalIn14Days", { count: delivered })} testId="trend-delivered">
        <BarChart data={data.delivered_per_day} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
          <Tooltip />
          <Bar dataKey="orders" name={t("orders")} fill="#047857" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ChartBox>
      <ChartBox title={t("exportsPerHour")} summary={t("totalIn14Days", { count: exportsTotal })} testId="trend-exports">
        <AreaChart data={data.exports_per_hour} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tickFormatter={(h: string) => h.slice(5, 13)} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Area type="monotone" dataKey="processed" name={t("processed")} stroke="#1d4ed8" fill="#bfdbfe" />
          <Area type="monotone" dataKey="failed" name={t("failed")} stroke="#b91c1c" fill="#fecaca" />
        </AreaChart>
      </ChartBox>
      <ChartBox title={t("failuresPerDay")} summary={t("totalIn14Days", { count: failures })} testId="trend-failures">
        <BarChart data={data.failures_per_day} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="tracking" stackId="f" name={t("flows.tracking")} fill="#b91c1c" />
          <Bar dataKey="haier" stackId="f" name={t("flows.haier")} fill="#d97706" />
        </BarChart>
      </ChartBox>
    </div>
  );
}
