// npm run user:add -- --email E --role admin|editor|reviewer|viewer [--workspace SLUG] [--password P | --reset-password] [--name N]
// Creates or updates a member; works whether or not the app is running. An existing account
// keeps its password unless --password or --reset-password is given.
import { parseArgs } from "node:util";
import { z } from "zod";
import { MIN_PASSWORD } from "../lib/validation/member";
import { openDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

const usage =
  "Usage: npm run user:add -- --email EMAIL --role admin|editor|reviewer|viewer [--workspace SLUG] [--password PASSWORD | --reset-password] [--name NAME]";

const argsSchema = z.object({
  email: z.string({ error: "--email is required." }).trim().toLowerCase().pipe(z.email("--email must be an email address.")),
  role: z.enum(["admin", "editor", "reviewer", "viewer"], { error: "--role must be admin, editor, reviewer or viewer." }),
  workspace: z.string().trim().regex(/^[a-z0-9-]{1,64}$/, "--workspace must be a slug such as demo.").default("demo"),
  password: z.string().min(MIN_PASSWORD, `--password must be at least ${MIN_PASSWORD} characters.`).max(200).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  "reset-password": z.boolean().default(false),
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      workspace: { type: "string" },
      password: { type: "string" },
      "reset-password": { type: "boolean" },
      name: { type: "string" },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("\n"));
const args = parsed.data;
if (args.password) {
  const { passwordProblem } = await import("../lib/auth/password-policy");
  const problem = await passwordProblem(args.password, { email: args.email });
  if (problem) fail(`--password: ${problem}`);
}

const database = await openDatabase(() => {});
let refused = false;
try {
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  const { hashPassword } = await import("../lib/auth/password");
  const { ensureWorkspace, upsertMember } = await import("../lib/db/members");
  const { generatePassword } = await import("../prisma/seed");
  const { getDb } = await import("../lib/db/client");
  const existing = await getDb().user.findFirst({ where: { email: args.email }, select: { id: true } });
  const generated = !args.password && (!existing || args["reset-password"]);
  const password = args.password ?? (generated ? generatePassword() : undefined);
  const workspace = await ensureWorkspace(args.workspace, args.workspace === "demo" ? "Demo Desk" : args.workspace);
  const role = args.role.toUpperCase() as "ADMIN" | "EDITOR" | "REVIEWER" | "VIEWER";
  const { AppError } = await import("../lib/errors");
  const result = await upsertMember({
    workspaceId: workspace.id,
    email: args.email,
    name: args.name ?? args.email.split("@")[0] ?? args.email,
    role,
    passwordHash: password ? await hashPassword(password) : undefined,
    actorId: null,
  }).catch((error: unknown) => {
    // The last admin stays an admin: say so instead of a stack trace.
    if (!(error instanceof AppError)) throw error;
    console.error(`${error.message} (npm run user:add -- --email OTHER --role admin --workspace ${args.workspace})`);
    refused = true;
    return null;
  });
  if (result) {
    console.log(`${existing ? "Updated" : "Created"} ${args.email}: ${args.role} in workspace "${args.workspace}"${workspace.created ? " (new workspace)" : ""}.`);
    if (result.accountDisabled) console.log(`Note: the account ${args.email} is disabled and stays disabled; npm run user:enable -- --email ${args.email} re-enables it.`);
    if (result.membershipDisabled) console.log(`Note: an admin disabled ${args.email} in "${args.workspace}"; they stay disabled there until an admin enables them under Settings, Members.`);
    if (existing && password) console.log(`New password set; every session of ${args.email} has ended.`);
    if (generated) console.log(`New password (shown once): ${password}`);
    else if (!password) console.log("Password unchanged (--reset-password prints a new one).");
  }
  await getDb().$disconnect();
} finally {
  await database.stop();
}
// Exit explicitly: with the embedded server stopped, process.exitCode alone comes out as 0.
if (refused) process.exit(1);
