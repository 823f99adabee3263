import type { Member } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { listClaimComments, listMentionableMembers, type CommentView } from "@/lib/db/comments";
import { editWindowEndsAt, isWithinEditWindow, type MentionCandidate } from "@/lib/domain/comment-text";
import { createCommentAction, editCommentAction } from "@/app/w/[workspace]/articles/[articleId]/comment-actions";
import { formatDateTime } from "../format";
import { CommentBody } from "./comment-body";
import { CommentForm, EditCommentForm, ReplyForm, type CommentAction } from "./comment-forms";

type Shared = { member: Member; members: MentionCandidate[]; names: ReadonlyMap<string, string>; edit: CommentAction; now: Date };

function CommentItem({ comment, shared }: { comment: CommentView; shared: Shared }) {
  const { member, members, names, edit, now } = shared;
  const mayEdit = can(member.actor, "comment:edit", { ownerId: comment.authorId }) && isWithinEditWindow(comment.createdAt, now);
  const author = comment.authorId === member.user.id ? "You" : (comment.author?.name ?? "A former member");
  return (
    <div className="text-sm">
      <p className="text-xs text-muted">
        <span className="font-medium text-ink">{author}</span>
        {" · "}
        <time dateTime={comment.createdAt.toISOString()}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt ? (
          <span title={`Edited ${formatDateTime(comment.editedAt)}`}> · edited</span>
        ) : null}
      </p>
      <div className="mt-1">
        <CommentBody body={comment.body} names={names} />
      </div>
      {mayEdit ? (
        <div className="mt-2">
          <EditCommentForm action={edit} comment={{ id: comment.id, body: comment.body, version: comment.version }} members={members} editableUntil={editWindowEndsAt(comment.createdAt).toISOString()} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The discussion on a claim: threads with one level of replies, @mentions of the desk's members,
 * and the author's edit for 15 minutes. Loads its own data, scoped to the member's workspace.
 */
export async function ClaimComments({ claimId, member }: { claimId: string; member: Member }) {
  const workspaceId = member.workspace.id;
  const [threads, allMembers] = await Promise.all([listClaimComments(workspaceId, claimId), listMentionableMembers(workspaceId)]);
  const slug = member.workspace.slug;
  const create = createCommentAction.bind(null, slug);
  const shared: Shared = {
    member,
    // Nobody needs to mention themselves.
    members: allMembers.filter((m) => m.id !== member.user.id),
    names: new Map(allMembers.map((m) => [m.id, m.name])),
    edit: editCommentAction.bind(null, slug),
    now: new Date(),
  };
  const mayComment = can(member.actor, "comment:create");
  const count = threads.reduce((n, t) => n + 1 + t.replies.length, 0);

  return (
    <section aria-labelledby="discussion-heading" className="border-t border-rule pt-4">
      <h3 id="discussion-heading" className="text-xs font-semibold uppercase tracking-wider text-muted">
        Discussion <span className="font-normal">({count})</span>
      </h3>
      <div className="mt-3 space-y-3">
        {threads.length === 0 ? (
          <p className="text-sm text-muted">{mayComment ? "No comments yet. Ask a question or share a lead; type @ to bring a colleague in." : "No comments yet."}</p>
        ) : (
          <ol className="space-y-3" aria-label="Comments">
            {threads.map((thread) => (
              <li key={thread.id} className="rounded-md border border-rule p-3">
                <CommentItem comment={thread} shared={shared} />
                {thread.replies.length > 0 ? (
                  <ol className="mt-3 space-y-3 border-l-2 border-rule pl-3" aria-label="Replies">
                    {thread.replies.map((reply) => (
                      <li key={reply.id}>
                        <CommentItem comment={reply} shared={shared} />
                      </li>
                    ))}
                  </ol>
                ) : null}
                {mayComment ? (
                  <div className="mt-3">
                    <ReplyForm action={create} claimId={claimId} parentId={thread.id} members={shared.members} />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {mayComment ? (
          <CommentForm action={create} claimId={claimId} members={shared.members} label="Add a comment" submitLabel="Post comment" />
        ) : null}
      </div>
    </section>
  );
}
