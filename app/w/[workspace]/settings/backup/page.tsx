import type { Metadata } from "next";
import Link from "next/link";
import { BackupFileField } from "@/components/settings/backup-file-field";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { requirePageAction } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { workspaceContents } from "@/lib/db/backup-import";
import { getDb } from "@/lib/db/client";
import { getBackupUploadLimitBytes } from "@/lib/env";
import { importBackupAction } from "./actions";

export const metadata: Metadata = { title: "Backup" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What the last restore brought in, from its audit line. */
async function lastRestore(workspaceId: string): Promise<Record<string, unknown> | null> {
  const event = await getDb().event.findFirst({ where: { workspaceId, action: "workspace.imported" }, orderBy: { id: "desc" }, select: { after: true } });
  return event?.after && typeof event.after === "object" && !Array.isArray(event.after) ? (event.after as Record<string, unknown>) : null;
}

/** Backup (admins): download the whole workspace as one file; restore one into an empty workspace. */
export default async function BackupPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "workspace:export");
  const mayImport = can(member.actor, "workspace:import");
  const restored = (await searchParams).restored === "1" ? await lastRestore(member.workspace.id) : null;
  const contents = await workspaceContents(member.workspace.id);
  const limitMb = Math.round(getBackupUploadLimitBytes() / 1024 / 1024);
  const exportHref = `/w/${slug}/settings/backup/export`;
  const count = (key: string, one: string, many: string) => {
    const n = typeof restored?.[key] === "number" ? (restored[key] as number) : 0;
    return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  };

  return (
    <SettingsShell
      workspace={member.workspace}
      current="backup"
      title="Backup"
      intro="The whole workspace in one file: articles, claims, sources, reviews, verdicts, comments, the audit trail, the rating scale and rules, and who the members are. Restore it into an empty workspace here or on another server."
    >
      {restored ? (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">Backup restored.</p>
          <p className="mt-1">
            {count("articles", "article", "articles")}, {count("claims", "claim", "claims")}, {count("sources", "source", "sources")}, {count("reviews", "review", "reviews")},{" "}
            {count("decisions", "verdict", "verdicts")}, {count("comments", "comment", "comments")} and {count("events", "audit event", "audit events")} came in, with their original ids and dates
            {restored.renumberedEvents === true ? " (the audit events were renumbered here, in their original order)" : ""}.
            {typeof restored.createdUsers === "number" && restored.createdUsers > 0
              ? ` ${restored.createdUsers} ${restored.createdUsers === 1 ? "person had" : "people had"} no account on this server: they are listed as members but cannot sign in until an operator enables them and sets a password.`
              : ""}
          </p>
        </div>
      ) : null}

      <SettingsPanel
        id="export-heading"
        title="Download a backup"
        description="A JSON file named with today's date. It holds no passwords, API tokens, share links, invitation links or webhook secrets: those never leave the server. Downloading is recorded in the audit log."
      >
        <div className="flex flex-wrap items-center gap-3">
          <a href={exportHref} download className={buttonClass("primary")}>
            Download backup (.json)
          </a>
          <a href={`${exportHref}?gzip=1`} download className={buttonClass("secondary")}>
            Compressed (.json.gz)
          </a>
        </div>
      </SettingsPanel>

      <SettingsPanel
        id="import-heading"
        title="Restore a backup"
        description={
          <>
            Everything in the file comes in at once, or nothing does. Records keep their ids and dates, so a backup is restored once per server: on a new server, or here when its records are not here already.
          </>
        }
      >
        {!mayImport ? null : contents ? (
          <p className="text-sm text-muted">
            A backup is restored into an empty workspace only, and this one already has {contents}.{" "}
            <Link href={`/w/${slug}/settings/new-workspace`} className="text-accent underline">
              Create a new workspace
            </Link>{" "}
            and restore it there.
          </p>
        ) : (
          <ActionForm action={importBackupAction.bind(null, slug)} submitLabel="Restore backup" pendingLabel="Restoring…" confirm="Restore this backup into this workspace? Its settings will be replaced by the backup's.">
            <BackupFileField limitMb={limitMb} />
            <p className="text-xs text-muted">
              The rating scale, publishing rules and publisher are taken from the backup; this workspace keeps its name and address. Members are matched by email; people without an account here are added but cannot sign in until an operator enables them. You stay an admin.
            </p>
          </ActionForm>
        )}
      </SettingsPanel>
    </SettingsShell>
  );
}
