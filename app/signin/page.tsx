import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitch } from "@/components/settings/language-switch";
import { getStaffSession } from "@/lib/auth/get-staff-session";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getStaffSession()) redirect("/");
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-1 flex items-start justify-between gap-2">
          <h1 className="text-xl font-semibold">{t("app.name")}</h1>
          <LanguageSwitch />
        </div>
        <p className="mb-6 text-sm text-slate-500">{t("auth.subtitle")}</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
