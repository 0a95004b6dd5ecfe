// Where stored images live: {mediaRoot}/yyyy/mm/dd/<uuid hex>.<ext> (seed 003
// "文件命名策略"). Only paths of exactly that shape are ever read back, so a
// request cannot walk out of the media root.
import { randomUUID } from "node:crypto";
import path from "node:path";

export const MEDIA_PATH_PATTERN = /^\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{32}\.(png|jpg|gif|webp)$/;

export function mediaRootFromEnv(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.MEDIA_ROOT ?? path.join(env.PLATFORM_DATA_DIR ?? ".data", "media"));
}

export function newMediaPath(ext: string, now: Date): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(now.getUTCDate()).padStart(2, "0");
  return `${yyyy}/${mm}/${dd}/${randomUUID().replace(/-/g, "")}.${ext}`;
}

/** Absolute file for a stored relative path, or null when the path is not one we write. */
export function resolveMediaFile(mediaRoot: string, relativePath: string): string | null {
  if (!MEDIA_PATH_PATTERN.test(relativePath)) return null;
  return path.join(mediaRoot, ...relativePath.split("/"));
}

export function contentTypeOfMediaPath(relativePath: string): string {
  const ext = relativePath.slice(relativePath.lastIndexOf(".") + 1);
  return ext === "jpg" ? "image/jpeg" : `image/${ext}`;
}
