"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { RecentNotificationsTable, type NotificationRow } from "@/components/notifications/recent-notifications-table";
import { Card } from "@/components/ui/card";
import { Button, LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { QueryState } from "@/components/ui/query-state";
import { AbsoluteTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { fetchJson } from "@/lib/client/fetch-json";
import { LOCALES } from "@/lib/i18n/locales";
import { NOTIFICATION_FORMATS, type NotificationFormatName } from "@/lib/notifications/channel-schema";

interface ChannelJson {
  url_masked: string;
  format: NotificationFormatName;
  enabled: boolean;
  locale: string;
  secret_set: boolean;
  secret_masked: string | null;
  updated_by: string | null;
  updated_at: string;
}
interface ChannelAnswer {
  channel: ChannelJson | null;
  recent: NotificationRow[];
}
interface TestAnswer {
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
  duration_ms: number;
}

const CHANNEL_URL = "/api/notifications/channel";

export function NotificationSettings() {
  const t = useTranslations("notifications");
  const tSettings = useTranslations("settings");
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["notification-channel"],
    queryFn: () => fetchJson<ChannelAnswer>(CHANNEL_URL),
    refetchInterval: 10_000,
  });
  const channel = query.data?.channel ?? null;

  // The URL and secret are never sent back by the API: empty fields mean "keep".
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [removeSecret, setRemoveSecret] = useState(false);
  const [format, setFormat] = useState<NotificationFormatName>("wecom");
  const [enabled, setEnabled] = useState(true);
  const [locale, setLocale] = useState<string>("zh-CN");
  const [loaded, setLoaded] = useState(false);
  // The form starts from the stored channel once it has loaded (adjusted while rendering, as React advises, not in an effect).
  if (!loaded && query.data) {
    if (query.data.channel) {
      setFormat(query.data.channel.format);
      setEnabled(query.data.channel.enabled);
      setLocale(query.data.channel.locale);
    }
    setLoaded(true);
  }

  const save = useMutation({
    mutationFn: () =>
      fetchJson<{ channel: ChannelJson }>(CHANNEL_URL, {
        method: "PUT",
        body: JSON.stringify({
          ...(url.trim() ? { url: url.trim() } : {}),
          format,
          enabled,
          locale,
          ...(removeSecret ? { secret: null } : secret.trim() ? { secret: secret.trim() } : {}),
        }),
      }),
    onSuccess: () => {
      setUrl("");
      setSecret("");
      setRemoveSecret(false);
      toast({ kind: "success", message: t("channel.saved") });
      void queryClient.invalidateQueries({ queryKey: ["notification-channel"] });
    },
    onError: (error) => toast({ kind: "error", message: (error as Error).message }),
  });

  const test = useMutation({
    mutationFn: () => fetchJson<TestAnswer>("/api/notifications/test", { method: "POST", body: "{}" }),
    onSuccess: (answer) =>
      toast(
        answer.ok
          ? { kind: "success", message: t("test.ok", { status: answer.status ?? 0 }) }
          : { kind: "error", message: t("test.failed", { error: answer.error ?? "" }) },
      ),
    onError: (error) => toast({ kind: "error", message: (error as Error).message }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <QueryState isLoading={query.isLoading} error={query.error}>
      <div className="flex flex-col gap-6">
        <Card title={t("channel.title")}>
          <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" data-testid="notification-channel-form">
            {!channel && <p className="text-sm text-slate-500">{t("channel.notConfigured")}</p>}
            <LabeledInput
              label={t("channel.url")}
              type="url"
              name="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required={!channel}
              placeholder={channel ? t("channel.urlKeep", { masked: channel.url_masked }) : t("channel.urlPlaceholder")}
              autoComplete="off"
            />
            <div className="flex flex-wrap gap-4">
              <LabeledSelect
                label={t("channel.format")}
                name="format"
                value={format}
                onChange={(e) => setFormat(e.target.value as NotificationFormatName)}
              >
                {NOTIFICATION_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`channel.formats.${f}`)}
                  </option>
                ))}
              </LabeledSelect>
              <LabeledSelect label={t("channel.locale")} name="locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {tSettings(`languages.${l}`)}
                  </option>
                ))}
              </LabeledSelect>
            </div>
            {format === "dingtalk" && (
              <div className="flex flex-col gap-2">
                <LabeledInput
                  label={t("channel.secret")}
                  type="password"
                  name="secret"
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                  disabled={removeSecret}
                  placeholder={channel?.secret_masked ? t("channel.secretKeep", { masked: channel.secret_masked }) : "SEC…"}
                  autoComplete="new-password"
                />
                {channel?.secret_set && (
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} />
                    {t("channel.secretRemove")}
                  </label>
                )}
              </div>
            )}
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              {t("channel.enabled")}
            </label>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={save.isPending} data-testid="notification-save">
                {save.isPending ? t("channel.saving") : t("channel.save")}
              </Button>
              <Button
                variant="secondary"
                disabled={!channel || test.isPending}
                title={channel ? undefined : t("test.needsSave")}
                onClick={() => test.mutate()}
                data-testid="notification-send-test"
              >
                {test.isPending ? t("test.sending") : t("test.button")}
              </Button>
              {channel?.updated_by && (
                <span className="text-xs text-slate-500">
                  {t("channel.updated", { by: channel.updated_by })} · <AbsoluteTime value={channel.updated_at} />
                </span>
              )}
            </div>
            {test.data && (
              <div
                className={`rounded border px-3 py-2 text-sm ${test.data.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
                data-testid="notification-test-answer"
                role="status"
              >
                <div className="font-medium">
                  {test.data.ok ? t("test.ok", { status: test.data.status ?? 0 }) : t("test.failed", { error: test.data.error ?? "" })}
                </div>
                {test.data.body && (
                  <div className="mt-1">
                    <span className="text-xs">{t("test.answer")}:</span> <code className="break-all text-xs">{test.data.body}</code>
                  </div>
                )}
              </div>
            )}
          </form>
        </Card>
        <Card title={t("recent.title")}>
          <RecentNotificationsTable rows={query.data?.recent ?? []} />
        </Card>
      </div>
    </QueryState>
  );
}
