// Conformance: switching engines. A loopback INNGEST_BASE_URL is the local
// executor only on its host AND port (a self-hosted `inngest start` may listen
// on loopback too); INNGEST_EXECUTOR=off is honoured; the generated signing key
// is one `inngest start` accepts. Follows inngest/inngest cmd/start/start.go
// (signing key: even-length hex) and pkg/authn/signing_key_strategy.go (HashedSigningKey).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { executorSettingsFromEnv, pointsAtLocalExecutor } from "../../../../lib/engine/engine-settings";
import { hashedSigningKey } from "../../../../lib/local-runtime/executor/request-signing";
import { isInngestSigningKey, loadOrCreateSecrets } from "../../../../lib/local-runtime/platform/secrets";
import { prepareEngineEnv } from "../../../../scripts/lib/engine-env";
import { runsApiOptionsFromEnv } from "../../../../lib/runs/runs-api-client";

describe("which engine", () => {
  it("a loopback base URL is the executor only on the executor's host and port", () => {
    expect(pointsAtLocalExecutor("http://127.0.0.1:8288", { host: "127.0.0.1", port: 8288 })).toBe(true);
    expect(pointsAtLocalExecutor("http://localhost:8288/", { host: "127.0.0.1", port: 8288 })).toBe(true);
    expect(pointsAtLocalExecutor("http://127.0.0.1:8289", { host: "127.0.0.1", port: 8288 })).toBe(false);
    expect(executorSettingsFromEnv({ INNGEST_BASE_URL: "http://localhost:9999" })).toMatchObject({ enabled: false, mode: "inngest" });
    expect(executorSettingsFromEnv({ INNGEST_BASE_URL: "http://localhost:9999", INNGEST_EXECUTOR_PORT: "9999" }).enabled).toBe(true);
  });
  it("INNGEST_EXECUTOR=off turns the executor off everywhere, whatever else is set", () => {
    expect(executorSettingsFromEnv({ INNGEST_EXECUTOR: "off" }).enabled).toBe(false);
    expect(executorSettingsFromEnv({ INNGEST_EXECUTOR: "off", INNGEST_BASE_URL: "http://127.0.0.1:8288" }).enabled).toBe(false);
    const cliEnv = { INNGEST_EXECUTOR: "off" } as unknown as NodeJS.ProcessEnv;
    prepareEngineEnv(cliEnv);
    expect(cliEnv.INNGEST_BASE_URL).toBeUndefined();
    expect(runsApiOptionsFromEnv({ INNGEST_EXECUTOR: "off", INNGEST_SIGNING_KEY: "ab" })).toMatchObject({
      engine: "inngest",
      baseUrl: "https://api.inngest.com",
    });
    expect(runsApiOptionsFromEnv({ INNGEST_BASE_URL: "http://inngest:8288", INNGEST_SIGNING_KEY: "ab" })).toMatchObject({
      engine: "inngest",
      baseUrl: "http://inngest:8288",
    });
  });
  it("the CLI env never replaces a base URL the user set", () => {
    const cliEnv = { INNGEST_BASE_URL: "http://inngest.internal:8288" } as unknown as NodeJS.ProcessEnv;
    prepareEngineEnv(cliEnv);
    expect(cliEnv.INNGEST_BASE_URL).toBe("http://inngest.internal:8288");
  });
});

describe("the generated signing key", () => {
  it("is bare even-length hex, hashable as the server hashes it; old prefixed keys are replaced", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "secrets-"));
    try {
      writeFileSync(path.join(dir, "secrets.json"), JSON.stringify({ INNGEST_SIGNING_KEY: "signkey-test-abcdef" }));
      const { INNGEST_SIGNING_KEY: key } = loadOrCreateSecrets(dir);
      expect(key).toMatch(/^[0-9a-f]+$/);
      expect(key.length % 2).toBe(0);
      expect(isInngestSigningKey(key)).toBe(true);
      expect(hashedSigningKey(key)).toMatch(/^[0-9a-f]{64}$/);
      expect(loadOrCreateSecrets(dir).INNGEST_SIGNING_KEY).toBe(key); // kept across restarts
      expect(isInngestSigningKey("signkey-test-abcdef")).toBe(false);
      expect(isInngestSigningKey("abc")).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
