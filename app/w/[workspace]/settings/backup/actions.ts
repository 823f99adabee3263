"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { importWorkspace, readBackupFile } from "@/lib/db/backup-import";
import { getBackupUploadLimitBytes } from "@/lib/env";

const megabytes = () => `${Math.round(getBackupUploadLimitBytes() / 1024 / 1024)} MB`;

const importBackupSchema = z.object({
  file: z
    .instanceof(File, { error: "Choose a backup file." })
    .refine((file) => file.size > 0, { error: "Choose a backup file." })
    .refine((file) => file.size <= getBackupUploadLimitBytes(), { error: () => `The file is larger than the ${megabytes()} limit.` }),
});

/** Restores a backup file into this (empty) workspace, all or nothing; admins only. */
export const importBackupAction = workspaceAction({ schema: importBackupSchema, action: "workspace:import" }, async (input, member, ctx) => {
  // A gzipped backup may unzip to ten times the upload limit (JSON compresses well).
  const limit = getBackupUploadLimitBytes();
  const backup = readBackupFile(new Uint8Array(await input.file.arrayBuffer()), limit, limit * 10);
  await importWorkspace(backup, { workspaceId: ctx.workspaceId }, { userId: ctx.userId, origin: ctx.origin });
  return { message: "Backup restored.", redirectTo: `/w/${member.workspace.slug}/settings/backup?restored=1` };
});
