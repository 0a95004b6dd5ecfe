// The locale columns hold one of LOCALES: a CHECK constraint equal to the list.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { LOCALES } from "@/lib/i18n/locales";
import { resetDatabase } from "../../setup/reset-database";

/** The quoted values of a CHECK constraint's IN list, as the database prints it. */
async function checkValues(name: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ def: string }[]>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ${name}`;
  expect(rows).toHaveLength(1);
  return [...rows[0].def.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

describe("locale columns", () => {
  beforeEach(resetDatabase);
  afterAll(resetDatabase);

  it("User.locale holds one of LOCALES or nothing; a notification channel's locale one of LOCALES", async () => {
    expect((await checkValues("User_locale_check")).sort()).toEqual([...LOCALES].sort());
    expect((await checkValues("NotificationChannel_locale_check")).sort()).toEqual([...LOCALES].sort());
    const user = { email: "a@example.com", passwordHash: "x" };
    await prisma.user.create({ data: { ...user, locale: "zh-CN" } });
    await expect(prisma.user.create({ data: { ...user, email: "b@example.com", locale: "fr" } })).rejects.toThrow(
      /check constraint|User_locale_check/i,
    );
  });
});
