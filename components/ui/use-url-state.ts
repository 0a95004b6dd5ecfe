"use client";

// List filters, sort and page live in the URL (issue 11 §6): a filtered list can
// be shared as a link and the back button steps through filter changes.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";

export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = useMemo(
    () => Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, searchParams.get(k) ?? d])) as Record<K, string>,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [searchParams],
  );
  const set = useCallback(
    (patch: Partial<Record<K, string>>, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [k, v] of Object.entries(patch) as [K, string][]) {
        if (v === "" || v === defaults[k]) next.delete(k);
        else next.set(k, v);
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (options.replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [searchParams, pathname, router],
  );
  /** The current values as API query parameters (defaults included). */
  const query = useMemo(() => new URLSearchParams(values as Record<string, string>), [values]);
  return { values, set, query };
}

/** A text filter typed freely, written to the URL after a pause (replace: no history entry per keystroke). */
export function useDebouncedUrlText(value: string, write: (value: string) => void, delayMs = 350) {
  const [text, setText] = useState(value);
  // The URL changed (Back, a link): show its value. Adjusted while rendering, as React advises, not in an effect.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => write(text), delayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return [text, setText] as const;
}
