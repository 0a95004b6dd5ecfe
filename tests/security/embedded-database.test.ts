// Issue 7 item 7: the local database and the secrets beside it. The embedded
// PGlite server asks for the password from secrets.json (other credentials are
// refused at startup), its data folder is private, secrets.json is 0600 on
// every start, the first admin's password stays out of logs, and the
// simulator's admin endpoint does not show the webhook token.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { loadOrCreateSecrets } from "../../lib/local-runtime/platform/secrets";
import { showFirstAdmin } from "../../lib/local-runtime/platform/show-first-admin";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import { startWebScraperSimulator } from "../../lib/local-runtime/simulators/webscraper";

const mode = (file: string) => statSync(file).mode & 0o777;

function allEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? [full, ...allEntries(full)] : [full];
  });
}

async function connects(url: string): Promise<true | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("embedded database", () => {
  let dataDir: string;
  let db: EmbeddedPostgres;
  let port: number;
  const password = "embedded-db-secret-123456";

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-sec-pg-"));
    port = await freePort();
    db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, password });
  });
  afterAll(async () => {
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses any user or password but its own, and serves the URL it hands out", async () => {
    for (const url of [
      `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      `postgres://postgres:@127.0.0.1:${port}/postgres`,
      `postgres://attacker:${password}@127.0.0.1:${port}/postgres`,
      `postgres://postgres:${password}x@127.0.0.1:${port}/postgres`,
    ]) {
      // (An empty password is refused by the client itself before the server can.)
      expect(await connects(url), url).toMatch(/password authentication failed|client password must be a string/);
    }
    expect(await connects(db.url)).toBe(true);
    expect(db.url).not.toContain("postgres:postgres@");
  });

  it("keeps the data folder private to its owner", () => {
    const pgDir = path.join(dataDir, "pg");
    expect(mode(pgDir)).toBe(0o700);
    const readableByOthers = allEntries(pgDir).filter((f) => (mode(f) & 0o077) !== 0);
    expect(readableByOthers).toEqual([]);
  });
});

describe("secrets and the first admin", () => {
  it("makes secrets.json 0600 and its folder 0700 on every start, not only when created", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-sec-secrets-"));
    try {
      const first = loadOrCreateSecrets(dir);
      expect(first.EMBEDDED_DB_PASSWORD.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, "secrets.json");
      chmodSync(file, 0o644);
      chmodSync(dir, 0o755);
      const again = loadOrCreateSecrets(dir);
      expect(again).toEqual(first);
      expect(mode(file)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never writes the first admin's password to ordinary (loggable) output", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-sec-admin-"));
    const admin = { email: "admin@example.com", password: "first-admin-secret-xyz" };
    try {
      // Redirected stdout with a terminal: the password goes to the terminal only.
      const logged: string[] = [];
      const terminal: string[] = [];
      expect(showFirstAdmin(admin, dir, { stdoutIsTTY: false, log: (l) => logged.push(l), writeToTerminal: (t) => terminal.push(t) })).toBe(
        "terminal",
      );
      expect(logged.join("\n")).not.toContain(admin.password);
      expect(terminal.join("")).toContain(admin.password);

      // No terminal at all (a service): a private file, named in the log.
      logged.length = 0;
      const where = showFirstAdmin(admin, dir, {
        stdoutIsTTY: false,
        log: (l) => logged.push(l),
        writeToTerminal: () => {
          throw new Error("no tty");
        },
      });
      expect(logged.join("\n")).not.toContain(admin.password);
      expect(readFileSync(where, "utf8")).toContain(admin.password);
      expect(mode(where)).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not show the webhook token on the simulator's admin endpoint", async () => {
    const token = "webhook-token-that-must-not-leak";
    const sim = await startWebScraperSimulator({
      port: await freePort(),
      apiTokens: ["api-token"],
      webhookUrl: `http://127.0.0.1:1/api/acquisition/webscraper/webscraper-tracking/?token=${token}`,
    });
    try {
      const shown = await fetch(`${sim.url}/__simulator/config`).then((r) => r.text());
      expect(shown).not.toContain(token);
      expect(shown).toContain("webscraper-tracking");
      const configured = await fetch(`${sim.url}/__simulator/config`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jobDurationMs: 100 }),
      }).then((r) => r.text());
      expect(configured).not.toContain(token);
    } finally {
      await sim.stop();
    }
  });
});
