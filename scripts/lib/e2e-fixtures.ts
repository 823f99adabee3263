// Accounts and content the end-to-end suite signs in with: one person per role on the demo desk,
// and a second desk with an article that none of them may see.
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/policy";
import { hashPassword } from "@/lib/auth/password";
import { importArticle } from "@/lib/db/articles";
import { ensureWorkspace, upsertMember } from "@/lib/db/members";
import { importArticleSchema } from "@/lib/validation/article";
import { seedDemo } from "../../prisma/seed";

export type E2EFixtures = {
  password: string;
  users: Record<"admin" | "editor" | "reviewer" | "reviewer2" | "viewer" | "outsider" | "leaver" | "suspended" | "multi", string>;
  otherArticleId: string;
};

export async function createE2EFixtures(): Promise<E2EFixtures> {
  await seedDemo();
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const demo = await ensureWorkspace("demo", "Demo Desk");
  const other = await ensureWorkspace("other-desk", "Other Desk");
  const roles: Array<[keyof E2EFixtures["users"], Role, string]> = [
    ["admin", "ADMIN", demo.id],
    ["editor", "EDITOR", demo.id],
    ["reviewer", "REVIEWER", demo.id],
    ["reviewer2", "REVIEWER", demo.id],
    ["viewer", "VIEWER", demo.id],
    ["outsider", "EDITOR", other.id],
    ["leaver", "REVIEWER", demo.id],
    ["suspended", "REVIEWER", demo.id],
    ["multi", "VIEWER", demo.id],
    ["multi", "REVIEWER", other.id],
  ];
  const users = {} as E2EFixtures["users"];
  for (const [key, role, workspaceId] of roles) {
    const email = `e2e-${key}@factdesk.test`;
    await upsertMember({ workspaceId, email, name: `E2E ${key[0]?.toUpperCase()}${key.slice(1)}`, role, passwordHash, actorId: null });
    users[key] = email;
  }
  const input = importArticleSchema.parse({
    title: "Other desk's confidential draft",
    body: "The city spent $4.2 million on road repairs in 2023, according to the budget office. Officials said the figure doubled since 2019.",
  });
  const article = await importArticle({ workspaceId: other.id, userId: null }, input);
  return { password, users, otherArticleId: article.id };
}
