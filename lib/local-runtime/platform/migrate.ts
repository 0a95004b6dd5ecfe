import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Applies prisma/migrations to the database at `url` (prisma migrate deploy). */
export async function applyMigrations(url: string): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "prisma.sh");
  try {
    await run("bash", [script, "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, timeout: 180_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`Migrations failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}
