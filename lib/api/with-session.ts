// Route wrappers: every /api handler goes through one of these, so no handler
// repeats a session check, a CSRF check or a try/catch (the dub `withWorkspace` pattern).
import type { NextRequest } from "next/server";
import { getStaffSession, type StaffSession } from "../auth/get-staff-session";
import { checkRequestOrigin, type BodyKind } from "./check-request-origin";
import { errorResponse, forbidden, unauthorized } from "./errors";
import { resolveRequestLocale } from "./request-locale";

type Params = Record<string, string | string[]>;
interface RouteContext {
  params: Promise<Params>;
}

export interface StaffHandlerArgs {
  req: NextRequest;
  params: Params;
  session: StaffSession;
}

type StaffHandler = (args: StaffHandlerArgs) => Promise<Response> | Response;

export interface RouteOptions {
  /** What a state-changing request's body may be (default JSON); anything else is a 415. */
  body?: BodyKind;
}

function withRole(role: "staff" | "admin", handler: StaffHandler, options: RouteOptions = {}) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    let session: StaffSession | null = null;
    try {
      // The session is checked against the database on every request (lib/auth/options.ts jwt callback).
      session = await getStaffSession();
      if (!session?.user) throw unauthorized("Sign in required", { code: "unauthorized" });
      checkRequestOrigin(req, options.body ?? "json");
      if (role === "admin" && session.user.role !== "admin")
        throw forbidden("This action needs an admin account", { code: "admin_required" });
      return await handler({ req, params: (await context?.params) ?? {}, session });
    } catch (error) {
      // The language is looked up only when there is an error to word.
      return errorResponse(error, await resolveRequestLocale(req, session?.user?.id));
    }
  };
}

/** Any signed-in staff member (admin or staff). */
export const withStaff = (handler: StaffHandler, options?: RouteOptions) => withRole("staff", handler, options);

/** Signed-in admins only; staff get 403. */
export const withAdmin = (handler: StaffHandler, options?: RouteOptions) => withRole("admin", handler, options);

/** Routes that authenticate themselves (webhooks check their token); still mapped errors, worded as thrown (the seed's words). */
export function withErrors(handler: (req: NextRequest, params: Params) => Promise<Response> | Response) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    try {
      return await handler(req, (await context?.params) ?? {});
    } catch (error) {
      return errorResponse(error);
    }
  };
}
