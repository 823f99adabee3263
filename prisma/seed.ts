// The demo desk a fresh install ships with. Idempotent: each piece is created only when missing,
// so restarts never duplicate anything, and passwords exist only for users created just now.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Role } from "@/lib/auth/policy";
import { hashPassword } from "@/lib/auth/password";
import { importArticle } from "@/lib/db/articles";
import { getDb } from "@/lib/db/client";
import { ensureWorkspace, upsertMember } from "@/lib/db/members";
import { importArticleSchema } from "@/lib/validation/article";

export const DEMO_WORKSPACE = { slug: "demo", name: "Demo Desk" };
export const DEMO_ARTICLE_TITLE = "Biden’s border concessions put him at odds with key allies";

export const DEMO_MEMBERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@factdesk.test", name: "Alex Admin", role: "ADMIN" },
  { email: "editor@factdesk.test", name: "Erin Editor", role: "EDITOR" },
  { email: "reviewer1@factdesk.test", name: "Riley Reviewer", role: "REVIEWER" },
  { email: "reviewer2@factdesk.test", name: "Robin Reviewer", role: "REVIEWER" },
];

export const generatePassword = () => randomBytes(12).toString("base64url");

export type SeedResult = { newLogins: Array<{ email: string; role: Role; password: string }>; articleCreated: boolean };

export async function seedDemo(): Promise<SeedResult> {
  const db = getDb();
  const workspace = await ensureWorkspace(DEMO_WORKSPACE.slug, DEMO_WORKSPACE.name);
  const newLogins: SeedResult["newLogins"] = [];
  for (const member of DEMO_MEMBERS) {
    const exists = await db.user.findFirst({ where: { email: member.email }, select: { id: true } });
    if (exists) continue;
    const password = generatePassword();
    await upsertMember({ workspaceId: workspace.id, ...member, passwordHash: await hashPassword(password), actorId: null });
    newLogins.push({ email: member.email, role: member.role, password });
  }
  const hasArticle = await db.article.findFirst({ where: { workspaceId: workspace.id, title: DEMO_ARTICLE_TITLE }, select: { id: true } });
  if (!hasArticle) {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const body = await readFile(path.join(here, "seed/articles/border-concessions.txt"), "utf8");
    const input = importArticleSchema.parse({ title: DEMO_ARTICLE_TITLE, outlet: "CNN", body });
    await importArticle({ workspaceId: workspace.id, userId: null }, input);
  }
  return { newLogins, articleCreated: !hasArticle };
}
