// Route wrappers: every /api handler goes through one of these, so no handler
// repeats a session check or a try/catch (the dub `withWorkspace` pattern).
import type { NextRequest } from "next/server";
import { getStaffSession, type StaffSession } from "../auth/get-staff-session";
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

function withRole(role: "staff" | "admin", handler: StaffHandler) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    let session: StaffSession | null = null;
    try {
      session = await getStaffSession();
      if (!session?.user) throw unauthorized("Sign in required", { code: "unauthorized" });
      if (role === "admin" && session.user.role !== "admin") throw forbidden("This action needs an admin account", { code: "admin_required" });
      return await handler({ req, params: (await context?.params) ?? {}, session });
    } catch (error) {
      // The language is looked up only when there is an error to word.
      return errorResponse(error, await resolveRequestLocale(req, session?.user?.id));
    }
  };
}

/** Any signed-in staff member (admin or staff). */
export const withStaff = (handler: StaffHandler) => withRole("staff", handler);

/** Signed-in admins only; staff get 403. */
export const withAdmin = (handler: StaffHandler) => withRole("admin", handler);

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
