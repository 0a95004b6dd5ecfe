import { getServerSession, type Session } from "next-auth";
import { authOptions } from "./options";

export type StaffSession = Session;

export async function getStaffSession(): Promise<StaffSession | null> {
  return getServerSession(authOptions);
}
