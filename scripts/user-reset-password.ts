// npm run user:reset-password -- --email E [--password P]
// Sets a new password and ends every session of that person; without --password, generates one
// and prints it once.
import { z } from "zod";
import { MAX_PASSWORD, MIN_PASSWORD } from "../lib/validation/member";
import { emailArg, parseCommand, withDatabase } from "./lib/user-cli";

const args = parseCommand(
  "Usage: npm run user:reset-password -- --email EMAIL [--password PASSWORD]",
  { email: { type: "string" }, password: { type: "string" } },
  z.object({ email: emailArg, password: z.string().min(MIN_PASSWORD, `--password must be at least ${MIN_PASSWORD} characters.`).max(MAX_PASSWORD).optional() }),
);

// The same policy as everywhere a person chooses a password (a generated one always meets it).
if (args.password) {
  const { passwordProblem } = await import("../lib/auth/password-policy");
  const problem = await passwordProblem(args.password, { email: args.email });
  if (problem) {
    console.error(`--password: ${problem}`);
    process.exit(2);
  }
}

await withDatabase(async () => {
  const { hashPassword } = await import("../lib/auth/password");
  const { resetAccountPassword } = await import("../lib/db/members");
  const { generatePassword } = await import("../prisma/seed");
  const password = args.password ?? generatePassword();
  if (!(await resetAccountPassword(args.email, await hashPassword(password)))) {
    console.error(`No account has the email ${args.email}.`);
    return 1;
  }
  console.log(`New password set for ${args.email}; every session of theirs has ended.`);
  if (!args.password) console.log(`New password (shown once): ${password}`);
});
