// Embedded mode keeps its generated secrets in the gitignored data folder, so
// sessions and webhook URLs survive a restart and no secret lives in the code.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface EmbeddedSecrets {
  NEXTAUTH_SECRET: string;
  WEBSCRAPER_WEBHOOK_TOKEN: string;
  WEB_SCRAPER_API_TOKEN: string;
  INNGEST_SIGNING_KEY: string;
  INNGEST_EVENT_KEY: string;
  /** The embedded Haier simulator's client secret (the client sends it, the simulator checks it). */
  HAIER_CLIENT_SECRET: string;
}

/** A signing key `inngest start` accepts: hex with an even number of characters, no prefix. */
export function isInngestSigningKey(key: string | undefined): key is string {
  return typeof key === "string" && key.length > 0 && key.length % 2 === 0 && /^[0-9a-f]+$/i.test(key);
}

export function loadOrCreateSecrets(dataDir: string): EmbeddedSecrets {
  const file = path.join(dataDir, "secrets.json");
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
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
