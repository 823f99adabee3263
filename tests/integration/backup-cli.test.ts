import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { workspaceFingerprint } from "@/lib/testing/api";
import { createRestoreDatabase, dumpWorkspace } from "@/lib/testing/backup-db";
import { seedBackupWorkspace } from "@/lib/testing/backup-seed";
import { createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";

// `npm run workspace:export` and `workspace:import` as an operator runs them: child processes
// against a database given by DATABASE_URL.

type Run = { code: number; stdout: string; stderr: string };
function cli(script: "workspace-export" | "workspace-import", args: string[], databaseUrl = process.env.FACTDESK_TEST_OWNER_URL || process.env.DATABASE_URL || ""): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", `scripts/${script}.ts`, ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let ws: TestWorkspace;
let dir: string;
let restore: Awaited<ReturnType<typeof createRestoreDatabase>>;

beforeAll(async () => {
  ws = await createTestWorkspace();
  await seedBackupWorkspace(ws);
  dir = mkdtempSync(path.join(tmpdir(), "factdesk-backup-"));
  restore = await createRestoreDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await restore?.drop();
});

describe("the backup command line", { timeout: 120_000 }, () => {
  it("exports a workspace to a gzipped file and restores it on another database, identical", async () => {
    const file = path.join(dir, "desk.json.gz");
    const exported = await cli("workspace-export", ["--workspace", ws.slug, "--out", file]);
    expect(exported.stderr).toBe("");
    expect(exported).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`Exported "${ws.slug}" to .*desk\\.json\\.gz .* 8 claims`)) });
    expect(JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"))).toMatchObject({ format: "factdesk-backup", version: 1 });
    expect(await getDb().event.findFirst({ where: { workspaceId: ws.id, action: "workspace.exported" } })).toMatchObject({ actorId: null, origin: "SYSTEM" });

    const imported = await cli("workspace-import", ["--workspace", ws.slug, "--file", file], restore.url);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/new workspace, with the backup's id.*8 claims/) });
    expect(imported.stdout).toMatch(/created disabled and without a password/);
    const before = await dumpWorkspace(getDb(), ws.id);
    const after = await dumpWorkspace(restore.db, ws.id);
    for (const table of ["Article", "Claim", "Source", "Review", "Decision", "Comment", "Membership", "Notification", "ClaimAssignee", "User"]) expect(after[table], table).toEqual(before[table]);
    const trail = (rows: Array<Record<string, unknown>>) => rows.filter((e) => e.action !== "workspace.imported" && e.action !== "workspace.exported");
    expect(trail(after.Event!)).toEqual(trail(before.Event!));
  });

  it("refuses, writing nothing, a backup whose records already exist here", async () => {
    const file = path.join(dir, "again.json");
    expect((await cli("workspace-export", ["--workspace", ws.slug, "--out", file])).code).toBe(0);
    const target = await createTestWorkspace();
    const before = { target: await workspaceFingerprint(target.id), workspaces: await getDb().workspace.count() };
    const run = await cli("workspace-import", ["--workspace", target.slug, "--file", file]);
    expect(run).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`Nothing was imported: The records in this backup already exist on this server \\(in workspace "${ws.slug}"\\)`)) });
    expect({ target: await workspaceFingerprint(target.id), workspaces: await getDb().workspace.count() }).toEqual(before);
  });

  it("explains missing arguments and unknown workspaces", async () => {
    expect(await cli("workspace-export", ["--out", path.join(dir, "x.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--workspace is required[\s\S]*Usage: npm run workspace:export/) });
    expect(await cli("workspace-import", ["--workspace", "nope", "--file", path.join(dir, "missing.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Cannot read/) });
  });
});
