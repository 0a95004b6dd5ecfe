// Downloads each product image once per source URL, checks its bytes, caps its
// size and stores it under the media root with a MediaImage row. A broken image
// is returned as an error for the product to record; it never throws.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../db/client";
import { newMediaPath } from "./media-path";
import { sniffImageType } from "./sniff-image-type";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type StoredImage = { imageId: number; created: boolean } | { error: string };

export interface ImageStore {
  ensureImage(url: string, productId?: number): Promise<StoredImage>;
}

export interface ImageStoreOptions {
  db: Db;
  mediaRoot: string;
  fetchImpl?: typeof fetch;
  maxBytes?: number;
  timeoutMs?: number;
  /** Attempts on network errors and 5xx (default 3). */
  attempts?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export class ImageRejectedError extends Error {}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

export function createImageStore(options: ImageStoreOptions): ImageStore {
  const { db, mediaRoot } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const attempts = options.attempts ?? 3;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // Two products of one batch with the same picture share one download.
  const inFlight = new Map<string, Promise<StoredImage>>();

  async function download(url: string): Promise<Buffer> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        if (attempt < attempts) {
          await sleep(200 * attempt);
          continue;
        }
        throw new ImageRejectedError(`download failed: ${(error as Error).message}`);
      }
      if ((response.status >= 500 || response.status === 429) && attempt < attempts) {
        await response.body?.cancel();
        await sleep(200 * attempt);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new ImageRejectedError(`HTTP ${response.status}`);
      }
      const declared = Number(response.headers.get("content-length"));
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new ImageRejectedError(`too large (${declared} bytes, limit ${maxBytes})`);
      }
      // Read with a cap: a lying or absent Content-Length cannot fill the disk.
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.length;
          if (size > maxBytes) {
            await reader.cancel();
            throw new ImageRejectedError(`too large (over ${maxBytes} bytes)`);
          }
          chunks.push(value);
        }
      }
      return Buffer.concat(chunks);
    }
  }

  async function store(url: string, productId?: number): Promise<StoredImage> {
    const existing = await db.mediaImage.findUnique({ where: { originalUrl: url }, select: { id: true } });
    if (existing) return { imageId: existing.id, created: false };
    let bytes: Buffer;
    try {
      if (!/^https?:\/\//i.test(url)) throw new ImageRejectedError("not an http(s) URL");
      bytes = await download(url);
    } catch (error) {
      return { error: error instanceof ImageRejectedError ? error.message : `download failed: ${(error as Error).message}` };
    }
    const type = sniffImageType(bytes);
    if (!type) return { error: "not an image (content does not match PNG, JPEG, GIF or WebP)" };
    const relativePath = newMediaPath(type.ext, now());
    const file = path.join(mediaRoot, relativePath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    try {
      const row = await db.mediaImage.create({
        data: {
          filePath: relativePath,
          originalUrl: url,
          contentType: type.contentType,
          sizeBytes: bytes.length,
          productId: productId ?? null,
        },
        select: { id: true },
      });
      return { imageId: row.id, created: true };
    } catch (error) {
      // Another run stored the same URL meanwhile: keep theirs, drop our copy.
      await rm(file, { force: true });
      if (!isUniqueViolation(error)) throw error;
      const winner = await db.mediaImage.findUniqueOrThrow({ where: { originalUrl: url }, select: { id: true } });
      return { imageId: winner.id, created: false };
    }
  }

  return {
    ensureImage(url, productId) {
      let pending = inFlight.get(url);
      if (!pending) {
        pending = store(url, productId).finally(() => inFlight.delete(url));
        inFlight.set(url, pending);
      }
      return pending;
    },
  };
}
