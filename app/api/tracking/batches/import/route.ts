import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { badRequest } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { publishEventsDispatcher } from "@/lib/tracking/publishing/dispatch-publish-jobs";
import { importUrlFile, MAX_IMPORT_BYTES } from "@/lib/tracking/publishing/import-url-file";
import { importTrackerField } from "@/lib/tracking/publishing/schemas";

// POST /api/tracking/batches/import – import an .xlsx/.csv of URLs as a tracking batch (multipart: file, tracker?)
export const POST = withStaff(
  async ({ req, session }) => {
    // Refuse oversized uploads before reading them into memory.
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > MAX_IMPORT_BYTES + 64 * 1024)
      throw badRequest(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, undefined, {
        code: "file_too_large",
        params: { mb: MAX_IMPORT_BYTES / 1024 / 1024 },
      });
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw badRequest("Send the file as multipart/form-data with a `file` field", undefined, { code: "multipart_required" });
    }
    const file = form.get("file");
    if (!(file instanceof File))
      throw badRequest("A `file` field with the .xlsx or .csv file is required", undefined, { code: "file_field_required" });
    const tracker = importTrackerField.parse(form.get("tracker") ?? undefined);
    const result = await importUrlFile(
      {
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        tracker,
        requestedBy: session.user.email,
      },
      publishEventsDispatcher((events) => inngest.send(events)),
    );
    return NextResponse.json(result, { status: 201 });
  },
  { body: "multipart" },
);
