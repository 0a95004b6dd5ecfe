import { z } from "zod";
import { prisma, type Db, type UserRole } from "../db/client";
import { hashPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";

export const userInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("a valid email address is required").max(320),
  password: newPasswordSchema,
  role: z.enum(["admin", "staff"]).default("staff"),
  name: z.string().trim().min(1).max(200).optional(),
});

export type UserInput = z.input<typeof userInputSchema>;

/**
 * Creates the user, or resets the password, role and name of an existing one.
 * A reset raises the session version, so sessions signed in with the old
 * password end on their next request.
 */
export async function upsertUser(input: UserInput, db: Db = prisma) {
  const { email, password, role, name } = userInputSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return db.user.upsert({
    where: { email },
    create: { email, passwordHash, role: role as UserRole, name },
    update: { passwordHash, role: role as UserRole, sessionVersion: { increment: 1 }, ...(name ? { name } : {}) },
    select: { id: true, email: true, role: true, name: true },
  });
}
