import { prisma, type Prisma } from "../../../../lib/db/client";

let seq = 0;

export async function account(email: string) {
  return prisma.officialAccount.create({ data: { email, accountName: email.split("@")[0] || `acct${++seq}` } });
}

export async function purchasing(data: Partial<Prisma.PurchasingUncheckedCreateInput> & { orderNumber: string }) {
  return prisma.purchasing.create({ data });
}
