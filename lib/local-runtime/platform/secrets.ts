// Embedded mode keeps its generated secrets in the gitignored data folder, so
// sessions and webhook URLs survive a restart and no secret lives in the code.
// The folder is 0700 and the file 0600 on every start, not only when created:
// a copy or an unpack with another umask must not leave them readable.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { secretsFile } from "../../db/embedded-db-password";

export interface EmbeddedSecrets {
  NEXTAUTH_SECRET: string;
  WEBSCRAPER_WEBHOOK_TOKEN: string;
  WEB_SCRAPER_API_TOKEN: string;
  INNGEST_SIGNING_KEY: string;
  INNGEST_EVENT_KEY: string;
  /** The embedded Haier simulator's client secret (the client sends it, the simulator checks it). */
  HAIER_CLIENT_SECRET: string;
  /** The embedded database's password (user postgres). */
  EMBEDDED_DB_PASSWORD: string;
}

// The reader of the database password lives with the app's database URL; re-exported for the runtime's callers.
export { readEmbeddedDbPassword, secretsFile } from "../../db/embedded-db-password";

/** A signing key `inngest start` accepts: hex with an even number of characters, no prefix. */
export function isInngestSigningKey(key: string | undefined): key is string {
  return typeof key === "string" && key.length > 0 && key.length % 2 === 0 && /^[0-9a-f]+$/i.test(key);
}

export function loadOrCreateSecrets(dataDir: string): EmbeddedSecrets {
  const file = secretsFile(dataDir);
  const existing: Partial<EmbeddedSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secret = () => randomBytes(24).toString("hex");
  const secrets: EmbeddedSecrets = {
    NEXTAUTH_SECRET: existing.NEXTAUTH_SECRET ?? secret(),
    WEBSCRAPER_WEBHOOK_TOKEN: existing.WEBSCRAPER_WEBHOOK_TOKEN ?? secret(),
    WEB_SCRAPER_API_TOKEN: existing.WEB_SCRAPER_API_TOKEN ?? secret(),
    // Bare even-length hex: the only form self-hosted `inngest start --signing-key`
    // accepts (cmd/start/start.go); older `signkey-test-…` keys are replaced.
    INNGEST_SIGNING_KEY: isInngestSigningKey(existing.INNGEST_SIGNING_KEY) ? existing.INNGEST_SIGNING_KEY : randomBytes(32).toString("hex"),
    INNGEST_EVENT_KEY: existing.INNGEST_EVENT_KEY ?? secret(),
    HAIER_CLIENT_SECRET: existing.HAIER_CLIENT_SECRET ?? secret(),
    EMBEDDED_DB_PASSWORD: existing.EMBEDDED_DB_PASSWORD ?? secret(),
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
