import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "../db/client";
import { authorizeCredentials, clientAddress, TooManySignInAttemptsError } from "./authorize-credentials";
import { safeCallbackPath } from "./safe-callback-url";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** A token whose user was deleted, disabled or had their password reset since it was issued. */
class StaleSessionError extends Error {
  constructor(reason: string) {
    super(`session ended: ${reason}`);
    this.name = "StaleSessionError";
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        try {
          return await authorizeCredentials(parsed.data, { address: clientAddress(header(req?.headers, "x-forwarded-for")) });
        } catch (error) {
          // next-auth hands the message to the sign-in form as its error code.
          if (error instanceof TooManySignInAttemptsError) throw new Error("TooManyAttempts");
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // Runs on every session read (route wrapper, page guard, /api/auth/session):
    // the token's user must still exist, be enabled and carry the current
    // session version; the role is always the database's. Throwing makes
    // next-auth treat the session as absent and clear its cookie.
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as { role?: "admin" | "staff"; sessionVersion?: number };
        token.role = signedIn.role ?? "staff";
        token.sv = signedIn.sessionVersion ?? 0;
        return token;
      }
      const id = Number(token.sub);
      if (!Number.isSafeInteger(id)) throw new StaleSessionError("no user id");
      const current = await prisma.user.findUnique({ where: { id }, select: { role: true, disabled: true, sessionVersion: true } });
      if (!current) throw new StaleSessionError("user deleted");
      if (current.disabled) throw new StaleSessionError("user disabled");
      if (current.sessionVersion !== token.sv) throw new StaleSessionError("password reset or signed out everywhere");
      token.role = current.role;
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = (token.role as "admin" | "staff") ?? "staff";
      }
      return session;
    },
    // After sign-in and sign-out: only paths on this app (NEXTAUTH_URL), never another origin.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
  logger: {
    error(code, metadata) {
      const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      // An ended session is expected, not an error worth a stack trace.
      if ((cause as Error | undefined)?.name === "StaleSessionError") return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};
