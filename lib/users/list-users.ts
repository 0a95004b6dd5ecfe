import { prisma } from "../db/client";

export function listUsers() {
  return prisma.user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: { email: "asc" },
  });
}
