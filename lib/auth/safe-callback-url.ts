// Where to go after signing in: only a path on this app. Browsers read "/\host"
// and "//host" as another origin, and decode %5C to "\" in some places, so
// anything but a plain absolute path is replaced by "/". Used by the sign-in
// form (client) and by next-auth's redirect callback (server).

const FALLBACK = "/";

/** A same-origin path to follow, or "/" (no external URL, no protocol-relative or backslash trick). */
export function safeCallbackPath(value: string | null | undefined, appOrigin?: string): string {
  if (!value) return FALLBACK;
  let candidate = value.trim();
  // An absolute URL is accepted only on the app's own origin, and reduced to its path.
  if (appOrigin && /^[a-z][a-z0-9+.-]*:/i.test(candidate)) {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return FALLBACK;
    }
    if (url.origin !== new URL(appOrigin).origin) return FALLBACK;
    candidate = `${url.pathname}${url.search}${url.hash}`;
  }
  if (!isPlainPath(candidate)) return FALLBACK;
  let decoded = candidate;
  try {
    // Twice: "%255C" becomes "%5C" becomes "\".
    decoded = decodeURIComponent(decodeURIComponent(candidate));
  } catch {
    return FALLBACK;
  }
  if (!isPlainPath(decoded)) return FALLBACK;
  // Resolve against a dummy origin: a path that leaves it is not a path.
  const base = "http://callback.invalid";
  const resolved = new URL(candidate, base);
  if (resolved.origin !== base) return FALLBACK;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function isPlainPath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  if (path.startsWith("//")) return false;
  // Backslashes, control characters and whitespace have no place in our paths.
  return !/[\\\u0000-\u001f\u007f\s]/.test(path);
}
