import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";
import { openNotification } from "@/lib/db/inbox";
import { notificationIdSchema } from "@/lib/validation/inbox";

export const dynamic = "force-dynamic";

/**
 * GET /inbox/open/{id}: marks the signed-in person's own inbox line read and redirects to its
 * claim; back to the inbox for a line that is not theirs, gone, or about nothing left to open.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const parsed = notificationIdSchema.safeParse({ notificationId: (await params).id });
  const target = parsed.success ? await openNotification(user.id, parsed.data.notificationId) : null;
  redirect(target ?? "/inbox?gone=1");
}
