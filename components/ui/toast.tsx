"use client";

// Feedback after every trigger (issue 11 §7): a toast that says what started and
// links to it, or shows the error's own message. Announced to screen readers.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export interface Toast {
  kind: "success" | "error";
  message: string;
  link?: { href: string; label: string };
}

interface ShownToast extends Toast {
  id: number;
}

const ToastContext = createContext<(toast: Toast) => void>(() => undefined);

export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (toast: Toast) => {
      const id = nextId++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      // Errors stay until dismissed: a failure must not pass unseen.
      if (toast.kind === "success") setTimeout(() => dismiss(id), 10_000);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.kind === "error" ? "alert" : "status"}
            data-testid="toast"
            data-kind={toast.kind}
            className={`pointer-events-auto flex items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg ${
              toast.kind === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-white text-slate-800"
            }`}
          >
            <div className="flex-1">
              <p>{toast.message}</p>
              {toast.link && (
                <Link href={toast.link.href} className="font-medium text-blue-700 underline" onClick={() => dismiss(toast.id)}>
                  {toast.link.label}
                </Link>
              )}
            </div>
            <button
              type="button"
              aria-label={t("dismiss")}
              onClick={() => dismiss(toast.id)}
              className="rounded px-1 text-slate-600 hover:bg-slate-100"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
