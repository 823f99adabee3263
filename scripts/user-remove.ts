// npm run user:remove -- --email E --workspace SLUG
// Removes a person from one workspace. The account stays (with its other workspaces and its
// history); the last active admin of a workspace is not removed.
import { z } from "zod";
import { emailArg, parseCommand, withDatabase, workspaceArg } from "./lib/user-cli";

const args = parseCommand(
  "Usage: npm run user:remove -- --email EMAIL --workspace SLUG",
  { email: { type: "string" }, workspace: { type: "string" } },
  z.object({ email: emailArg, workspace: workspaceArg }),
);

await withDatabase(async () => {
  const { getDb } = await import("../lib/db/client");
  const { removeMember } = await import("../lib/db/members");
  const { AppError } = await import("../lib/errors");
  const user = await getDb().user.findFirst({ where: { email: args.email }, select: { id: true } });
  const workspace = await getDb().workspace.findFirst({ where: { slug: args.workspace }, select: { id: true } });
  if (!user || !workspace) {
    console.error(!user ? `No account has the email ${args.email}.` : `No workspace has the address "${args.workspace}".`);
    return 1;
  }
  try {
    const removed = await removeMember(workspace.id, user.id, null);
    console.log(removed ? `Removed ${args.email} from "${args.workspace}". The account stays.` : `${args.email} is not a member of "${args.workspace}"; nothing changed.`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`${error.message} (npm run user:add -- --email OTHER --role admin --workspace ${args.workspace})`);
    return 1;
  }
});
