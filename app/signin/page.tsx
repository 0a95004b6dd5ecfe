import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getStaffSession } from "@/lib/auth/get-staff-session";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getStaffSession()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold">Resale Ops</h1>
        <p className="mb-6 text-sm text-slate-500">Sign in with your staff account.</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
