// npm run user:reset-password -- --email E [--password P]
// Sets a new password; without --password, generates one and prints it once.
import { z } from "zod";
import { MAX_PASSWORD, MIN_PASSWORD } from "../lib/validation/member";
import { emailArg, parseCommand, withDatabase } from "./lib/user-cli";

const args = parseCommand(
  "Usage: npm run user:reset-password -- --email EMAIL [--password PASSWORD]",
  { email: { type: "string" }, password: { type: "string" } },
  z.object({ email: emailArg, password: z.string().min(MIN_PASSWORD, `--password must be at least ${MIN_PASSWORD} characters.`).max(MAX_PASSWORD).optional() }),
);

await withDatabase(async () => {
  const { hashPassword } = await import("../lib/auth/password");
  const { resetAccountPassword } = await import("../lib/db/members");
  const { generatePassword } = await import("../prisma/seed");
  const password = args.password ?? generatePassword();
  if (!(await resetAccountPassword(args.email, await hashPassword(password)))) {
    console.error(`No account has the email ${args.email}.`);
    return 1;
  }
  console.log(`New password set for ${args.email}.`);
  if (!args.password) console.log(`New password (shown once): ${password}`);
});
