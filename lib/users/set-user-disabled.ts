import { prisma, type Db } from "../db/client";

/** Disables (or re-enables) an account; disabling ends its sessions at once. */
export async function setUserDisabled(email: string, disabled: boolean, db: Db = prisma) {
  return db.user.update({
    where: { email: email.trim().toLowerCase() },
    data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) },
    select: { id: true, email: true, role: true, disabled: true },
  });
}
