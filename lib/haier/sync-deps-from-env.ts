// The sync's collaborators as the app, the CLI and the background functions build them.
import type { Db } from "../db/client";
import { haierClientFor, type HaierClientOptions } from "./client";
import { haierConfigFromEnv } from "./config";
import { createImageStore } from "./images/image-store";
import { mediaRootFromEnv } from "./images/media-path";
import type { HaierSyncDeps } from "./sync/run-haier-sync";

export function haierSyncDepsFromEnv(
  db: Db,
  env: Record<string, string | undefined> = process.env,
  clientOptions: Omit<HaierClientOptions, "config" | "tokenCache"> = {},
): HaierSyncDeps {
  return {
    db,
    client: () => haierClientFor(haierConfigFromEnv(env), { log: (line) => console.warn(line), ...clientOptions }),
    images: () => createImageStore({ db, mediaRoot: mediaRootFromEnv(env) }),
  };
}
