"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, LabeledInput, LabeledSelect } from "@/components/ui/form-controls";

export interface SyncTriggerValues {
  sync_type: "products" | "prices" | "stock";
  product_codes: string;
  category: string;
  brand: string;
  sync_prices: boolean;
  sync_stock: boolean;
  county_code: string;
}

export function SyncTriggerForm({
  onStart,
  pending,
  result,
  error,
}: {
  onStart: (values: SyncTriggerValues) => void;
  pending: boolean;
  result: string | null;
  error: string | null;
}) {
  const t = useTranslations("haier");
  const [values, setValues] = useState<SyncTriggerValues>({
    sync_type: "products",
    product_codes: "",
    category: "",
    brand: "",
    sync_prices: true,
    sync_stock: true,
    county_code: "110101",
  });
  const set = <K extends keyof SyncTriggerValues>(key: K, value: SyncTriggerValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onStart(values);
      }}
    >
      <LabeledSelect
        label={t("trigger.syncType")}
        value={values.sync_type}
        onChange={(e) => set("sync_type", e.target.value as SyncTriggerValues["sync_type"])}
      >
        <option value="products">{t("trigger.products")}</option>
        <option value="prices">{t("trigger.prices")}</option>
        <option value="stock">{t("trigger.stock")}</option>
      </LabeledSelect>
      <LabeledInput
        label={t("trigger.productCodes")}
        value={values.product_codes}
        onChange={(e) => set("product_codes", e.target.value)}
        className="w-72"
      />
      <LabeledInput label={t("trigger.category")} value={values.category} onChange={(e) => set("category", e.target.value)} />
      <LabeledInput label={t("trigger.brand")} value={values.brand} onChange={(e) => set("brand", e.target.value)} />
      <LabeledInput
        label={t("trigger.countyCode")}
        value={values.county_code}
        onChange={(e) => set("county_code", e.target.value)}
        className="w-24"
      />
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" checked={values.sync_prices} onChange={(e) => set("sync_prices", e.target.checked)} />{" "}
        {t("trigger.syncPrices")}
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" checked={values.sync_stock} onChange={(e) => set("sync_stock", e.target.checked)} /> {t("trigger.syncStock")}
      </label>
      <Button type="submit" disabled={pending}>
        {t("trigger.start")}
      </Button>
      {result && (
        <span role="status" className="text-sm text-emerald-700">
          {result}
        </span>
      )}
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </form>
  );
}
