// GET /api/haier/media/yyyy/mm/dd/<uuid>.<ext> – a stored product image (signed-in staff)
import { readFile } from "node:fs/promises";
import { notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { contentTypeOfMediaPath, mediaRootFromEnv, resolveMediaFile } from "@/lib/haier/images/media-path";

export const GET = withStaff(async ({ params }) => {
  const segments = Array.isArray(params.path) ? params.path : [params.path];
  const relative = segments.join("/");
  const file = resolveMediaFile(mediaRootFromEnv(), relative);
  if (!file) throw notFound("No such image");
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) throw notFound("No such image");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentTypeOfMediaPath(relative),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
