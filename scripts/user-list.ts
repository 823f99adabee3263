// npm run user:list -- [--workspace SLUG]
// Lists accounts with their workspaces and roles (all accounts, or the members of one workspace).
import { z } from "zod";
import { parseCommand, withDatabase, workspaceArg } from "./lib/user-cli";

const { workspace } = parseCommand("Usage: npm run user:list -- [--workspace SLUG]", { workspace: { type: "string" } }, z.object({ workspace: workspaceArg.optional() }));

await withDatabase(async () => {
  const { listAccounts } = await import("../lib/db/members");
  const accounts = await listAccounts(workspace);
  if (accounts.length === 0) {
    console.log(workspace ? `No members in workspace "${workspace}" (or no such workspace).` : "No accounts yet. Add one with npm run user:add.");
    return;
  }
  for (const account of accounts) {
    const places = account.memberships.map((m) => `${m.slug}: ${m.role.toLowerCase()}${m.disabled ? " (disabled here)" : ""}`).join(", ") || "no workspace";
    console.log(`${account.email}  ${account.name}${account.disabled ? "  [account disabled]" : ""}\n    ${places}`);
  }
  console.log(`${accounts.length} ${accounts.length === 1 ? "account" : "accounts"}.`);
});
