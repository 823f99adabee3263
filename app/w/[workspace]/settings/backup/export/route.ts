import { gzipSync } from "node:zlib";
import { z } from "zod";
import { identifier } from "@/lib/validation/fields";
import { backupFileName, exportWorkspace, recordExport } from "@/lib/db/backup-export";
import { defineOperation } from "@/lib/pipeline/operation";
import { operationRoute } from "@/lib/pipeline/route";

const exportBackup = defineOperation({
  action: "workspace:export",
  input: z.strictObject({ workspace: identifier().min(1).max(100), gzip: z.enum(["0", "1"]).optional() }),
  scope: (input) => ({ workspace: input.workspace }),
  run: async (input, { member, ctx }) => {
    const backup = await exportWorkspace(member.workspace.id);
    const gzip = input.gzip === "1";
    const json = Buffer.from(JSON.stringify(backup));
    const body = gzip ? gzipSync(json) : json;
    await recordExport(ctx, backup);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": gzip ? "application/gzip" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${backupFileName(member.workspace.slug, new Date(backup.exportedAt), gzip)}"`,
        "Content-Length": String(body.byteLength),
        "Cache-Control": "no-store",
      },
    });
  },
});

/** GET /w/{workspace}/settings/backup/export[?gzip=1]: the whole workspace as one backup file (admins). */
export const GET = operationRoute(exportBackup);
