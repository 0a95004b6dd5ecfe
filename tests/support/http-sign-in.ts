// Signs in through next-auth's credentials endpoint over plain HTTP (no browser):
// fetch the CSRF token, post the form, keep the cookies.

export interface HttpSignIn {
  ok: boolean;
  /** next-auth's error code when refused ("CredentialsSignin", "TooManyAttempts"). */
  error: string | null;
  /** Cookie header value carrying the session when ok. */
  cookie: string;
  ms: number;
}

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

export async function httpSignIn(
  appUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<HttpSignIn> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf);
  const started = performance.now();
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: appUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${appUrl}/` }).toString(),
  });
  const ms = performance.now() - started;
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = location ? new URL(location, appUrl).searchParams.get("error") : null;
  const all = [...jar, ...cookiePairs(res)];
  const session = all.filter((c) => c.includes("session-token"));
  return { ok: !error && session.length > 0, error, cookie: [...session, ...jar].join("; "), ms };
}
