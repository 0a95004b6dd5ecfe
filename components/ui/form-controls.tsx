import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function LabeledInput({ label, ...props }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {label}
      <input {...props} className={CONTROL} />
    </label>
  );
}

export function LabeledSelect({
  label,
  children,
  ...props
}: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {label}
      <select {...props} className={CONTROL}>
        {children}
      </select>
    </label>
  );
}

export function Button({
  children,
  variant = "primary",
  ...props
}: { variant?: "primary" | "secondary" } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const look =
    variant === "primary"
      ? "bg-slate-900 text-white hover:bg-slate-700"
      : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-100";
  return (
    <button
      type="button"
      {...props}
      className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${look} ${props.className ?? ""}`}
    >
      {children}
    </button>
  );
}
