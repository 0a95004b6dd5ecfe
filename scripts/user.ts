// Creates a user or resets an existing user's password and role from the shell:
//   npm run user -- --email ops@example.com --password 'a-passphrase-of-12+' --role admin
// Disables or re-enables an account (disabling ends its sessions at once):
//   npm run user -- --email ops@example.com --disable   (or --enable)
import { parseArgs } from "node:util";
import { prisma } from "../lib/db/client";
import { upsertUser } from "../lib/users/upsert-user";
import { setUserDisabled } from "../lib/users/set-user-disabled";
import { ZodError } from "zod";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "staff" },
    name: { type: "string" },
    disable: { type: "boolean", default: false },
    enable: { type: "boolean", default: false },
  },
});

try {
  if (values.disable || values.enable) {
    const user = await setUserDisabled(values.email ?? "", values.disable);
    console.log(`User ${user.email} ${user.disabled ? "disabled; its sessions have ended" : "enabled"}.`);
  } else {
    const user = await upsertUser({
      email: values.email ?? "",
      password: values.password ?? "",
      role: values.role as "admin" | "staff",
      name: values.name,
    });
    console.log(`User ${user.email} saved with role ${user.role}.`);
  }
} catch (error) {
  const message =
    error instanceof ZodError ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : (error as Error).message;
  console.error(`Could not save the user: ${message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
