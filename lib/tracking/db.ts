import type { Prisma } from "@/lib/db/client";

/** The prisma client or an interactive transaction: tracking code runs in either. */
export type TrackingDb = Prisma.TransactionClient;
