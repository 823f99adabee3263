// Shared by the user:* and workspace:* commands: argument parsing with a usage line, and a
// database session that works whether or not the app is running (the embedded PostgreSQL is
// started when needed).
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "./database";
import { applyMigrations } from "./schema-engine";

type Options = Record<string, { type: "string" | "boolean" }>;

/** Parses the command's flags with its zod schema; prints the problem and the usage, exit 2. */
export function parseCommand<S extends z.ZodType>(usage: string, options: Options, schema: S): z.infer<S> {
  const fail = (message: string): never => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  let values: unknown;
  try {
    ({ values } = parseArgs({ options }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => i.message).join("\n"));
  return parsed.data;
}

/** Runs `work` against the app's database; a non-zero return value becomes the exit code. */
export async function withDatabase(work: () => Promise<number | void>): Promise<void> {
  const database = await openDatabase(() => {});
  let code = 0;
  try {
    await applyMigrations(database.url);
    process.env.DATABASE_URL = database.url;
    code = (await work()) ?? 0;
    const { getDb } = await import("../../lib/db/client");
    await getDb().$disconnect();
  } finally {
    await database.stop();
  }
  // Exit explicitly: with the embedded server stopped, process.exitCode alone came out as 0.
  if (code !== 0) process.exit(code);
}

export const emailArg = z.string({ error: "--email is required." }).trim().toLowerCase().pipe(z.email("--email must be an email address."));
export const workspaceArg = z.string({ error: "--workspace is required." }).trim().regex(/^[a-z0-9-]{1,64}$/, "--workspace must be a slug such as demo.");

/** Disables or re-enables an account everywhere (user:disable, user:enable). */
export function runSetAccountDisabled(disabled: boolean): Promise<void> {
  const name = disabled ? "user:disable" : "user:enable";
  const { email } = parseCommand(`Usage: npm run ${name} -- --email EMAIL`, { email: { type: "string" } }, z.object({ email: emailArg }));
  return withDatabase(async () => {
    const { setAccountDisabled } = await import("../../lib/db/members");
    const result = await setAccountDisabled(email, disabled);
    if (!result) {
      console.error(`No account has the email ${email}.`);
      return 1;
    }
    if (!result.changed) console.log(`${email} was already ${disabled ? "disabled" : "enabled"}; nothing changed.`);
    else if (disabled) console.log(`Disabled ${email}: they are signed out at their next request and cannot sign in. Memberships and history stay; npm run user:enable undoes this.`);
    else console.log(`Enabled ${email}: they can sign in again, with the workspaces and roles they had.`);
  });
}
