import Link from "next/link";
import type { ReactNode } from "react";

export type SettingsSection = "general" | "members" | "invitations" | "ratings" | "webhooks" | "audit" | "security" | "backup" | "new-workspace";

const SECTIONS: Array<{ key: SettingsSection; label: string; path: string }> = [
  { key: "general", label: "General", path: "" },
  { key: "members", label: "Members", path: "/members" },
  { key: "invitations", label: "Invitations", path: "/invitations" },
  { key: "ratings", label: "Rating scale", path: "/ratings" },
  { key: "webhooks", label: "Webhooks", path: "/webhooks" },
  { key: "audit", label: "Audit log", path: "/audit" },
  { key: "security", label: "Security", path: "/security" },
  { key: "backup", label: "Backup", path: "/backup" },
  { key: "new-workspace", label: "New workspace", path: "/new-workspace" },
];

/** The frame of every settings screen: its title and the section links. */
export function SettingsShell({ workspace, current, title, intro, children, wide = false }: {
  /** The workspace layout above says when it is archived. */
  workspace: { slug: string; name: string };
  current: SettingsSection;
  title: string;
  intro: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main className={`mx-auto px-4 py-8 sm:px-6 ${wide ? "max-w-6xl" : "max-w-4xl"}`}>
      <p className="text-sm text-muted">Settings · {workspace.name}</p>
      <nav aria-label="Settings" className="mt-3 flex flex-wrap gap-1 border-b border-rule pb-3 text-sm">
        {SECTIONS.map((s) => (
          <Link
            key={s.key}
            href={`/w/${workspace.slug}/settings${s.path}`}
            aria-current={current === s.key ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${current === s.key ? "bg-ink text-white" : "text-ink hover:bg-white"}`}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      <h1 className="mt-6 font-serif text-3xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-1 max-w-2xl text-muted">{intro}</div>
      <div className="mt-8 space-y-8">{children}</div>
    </main>
  );
}

/** A titled panel on a settings screen. */
export function SettingsPanel({ id, title, description, children, tone = "plain" }: { id: string; title: string; description?: ReactNode; children: ReactNode; tone?: "plain" | "danger" }) {
  return (
    <section aria-labelledby={id} className={`rounded-lg border bg-white p-5 ${tone === "danger" ? "border-red-200" : "border-rule"}`}>
      <h2 id={id} className="text-base font-semibold">{title}</h2>
      {description ? <div className="mt-1 text-sm text-muted">{description}</div> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}
