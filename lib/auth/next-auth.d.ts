import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: "admin" | "staff" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "staff";
    /** The user's sessionVersion when the token was issued. */
    sv?: number;
  }
}
