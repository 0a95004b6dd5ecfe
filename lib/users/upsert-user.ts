import { z } from "zod";
import { prisma, type Db, type UserRole } from "../db/client";
import { hashPassword } from "../auth/password";

export const userInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("a valid email address is required"),
  password: z.string().min(8, "the password needs at least 8 characters"),
  role: z.enum(["admin", "staff"]).default("staff"),
  name: z.string().trim().min(1).optional(),
});

export type UserInput = z.input<typeof userInputSchema>;

/** Creates the user, or resets the password, role and name of an existing one. */
export async function upsertUser(input: UserInput, db: Db = prisma) {
  const { email, password, role, name } = userInputSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return db.user.upsert({
    where: { email },
    create: { email, passwordHash, role: role as UserRole, name },
    update: { passwordHash, role: role as UserRole, ...(name ? { name } : {}) },
    select: { id: true, email: true, role: true, name: true },
  });
}
