// The layout's boundaries (issue 10 items 6 and 7) are ESLint rules (eslint.config.mjs);
// these cases prove each one fires where it should and stays quiet where imports are allowed.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The restricted-import messages for `code` placed at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layout boundaries", () => {
  it("domain code imports neither Next.js, the Inngest SDK or client, the route glue, nor the local runtime", async () => {
    const errors = await boundaryErrors(
      "lib/tracking/publishing/probe.ts",
      [
        'import { NextResponse } from "next/server";',
        'import { Inngest } from "inngest";',
        'import { inngest } from "../../../inngest/client";',
        'import { badRequest } from "@/lib/api/errors";',
        'import { ApiError } from "../../api/errors";',
        'import { startPlatform } from "@/lib/local-runtime/platform/start-platform";',
        "export const probe = [NextResponse, Inngest, inngest, badRequest, ApiError, startPlatform];",
      ].join("\n"),
    );
    expect(errors).toHaveLength(6);
  });

  it("domain code may import other domain code, the database client, zod and next-intl", async () => {
    const errors = await boundaryErrors(
      "lib/temu/probe.ts",
      [
        'import { z } from "zod";',
        'import { prisma } from "@/lib/db/client";',
        'import { writeSyncLog } from "../sync-logs/write-sync-log";',
        'import { DomainError } from "@/lib/errors/domain-error";',
        'import { createTranslator } from "next-intl";',
        "export const probe = [z, prisma, writeSyncLog, DomainError, createTranslator];",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
  });

  it("nothing in the product imports the local runtime; routes may import Next.js and the Inngest client", async () => {
    expect(
      await boundaryErrors(
        "app/api/probe/route.ts",
        'import { startExecutor } from "@/lib/local-runtime/executor";\nexport const p = startExecutor;',
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        "inngest/functions/probe.ts",
        'import { seedDemoData } from "../../lib/local-runtime/demo/seed-demo-data";\nexport const p = seedDemoData;',
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("components/ui/probe.tsx", 'import { x } from "@/lib/local-runtime/simulators";\nexport const p = x;'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        "app/api/probe/route.ts",
        'import { NextResponse } from "next/server";\nimport { inngest } from "@/inngest/client";\nexport const p = [NextResponse, inngest];',
      ),
    ).toEqual([]);
  });

  it("the executor imports nothing outside its folder; scripts and the platform starter may use it", async () => {
    expect(
      await boundaryErrors("lib/local-runtime/executor/probe.ts", 'import { prisma } from "../../db/client";\nexport const p = prisma;'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        "lib/local-runtime/executor/probe.ts",
        'import { databaseUrl } from "@/lib/db/database-url";\nexport const p = databaseUrl;',
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        "lib/local-runtime/executor/probe.ts",
        'import pg from "pg";\nimport { SCHEMA } from "./database";\nexport const p = [pg, SCHEMA];',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "lib/local-runtime/platform/probe.ts",
        'import { startExecutor } from "../executor";\nimport { prisma } from "../../db/client";\nexport const p = [startExecutor, prisma];',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "scripts/probe.ts",
        'import { startPlatform } from "../lib/local-runtime/platform/start-platform";\nexport const p = startPlatform;',
      ),
    ).toEqual([]);
  });
});
