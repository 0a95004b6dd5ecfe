// Creates a user or resets an existing user's password and role from the shell:
//   npm run user -- --email ops@example.com --password 'secret-pass' --role admin
import { parseArgs } from "node:util";
import { prisma } from "../lib/db/client";
import { upsertUser } from "../lib/users/upsert-user";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "staff" },
    name: { type: "string" },
  },
});

try {
  const user = await upsertUser({
    email: values.email ?? "",
    password: values.password ?? "",
    role: values.role as "admin" | "staff",
    name: values.name,
  });
  console.log(`User ${user.email} saved with role ${user.role}.`);
} catch (error) {
  console.error(`Could not save the user: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
