import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { approvals, postRevisions, posts, revisionComments, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isRole, permissionsFor, type Permission } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { notify } from "./notify";
import { parseId, parseInput, visiblePosts } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Comment threads on a post's revisions (issue 3). Every comment is on one immutable revision, so a
 * reader sees which version of the text it was about; the thread of a post is all of them in order.
 * Reading needs post.read; writing post.comment (manager, creators, PR, Legal). Invisible post or a
 * revision of another post → NOT_FOUND.
 */

export const COMMENT_MAX = 2_000;
/** How much of a comment a notification carries (the whole text is on the post's page). */
const EXCERPT_MAX = 200;

export const addCommentSchema = z.strictObject({
  postId: z.uuid(),
  revisionId: z.uuid(),
  body: z.string().trim().min(1, "comment_required").max(COMMENT_MAX, "comment_too_long"),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;

export type RevisionCommentDto = {
  id: string;
  revisionId: string;
  revisionNumber: number;
  authorId: string;
  authorName: string | null;
  body: string;
  createdAt: Date;
};

export type CommentThreadDto = {
  postId: string;
  currentRevisionId: string | null;
  currentRevisionNumber: number | null;
  /** Oldest first (a conversation reads top to bottom). */
  comments: RevisionCommentDto[];
};

/** post.read — the comments on every revision of a visible post, oldest first, each with its revision number. */
export async function listRevisionComments(viewer: Viewer, postId: string): Promise<CommentThreadDto> {
  authorize(viewer, "post.read");
  const id = parseId(postId);
  const [post] = await db.select({ id: posts.id, currentRevisionId: posts.currentRevisionId }).from(posts).where(visiblePosts(viewer, id)).limit(1);
  if (!post) throw new AppError("NOT_FOUND");
  const comments = await db
    .select({
      id: revisionComments.id,
      revisionId: revisionComments.revisionId,
      revisionNumber: postRevisions.number,
      authorId: revisionComments.authorId,
      authorName: users.name,
      body: revisionComments.body,
      createdAt: revisionComments.createdAt,
    })
    .from(revisionComments)
    .innerJoin(postRevisions, eq(postRevisions.id, revisionComments.revisionId))
    .leftJoin(users, eq(users.id, revisionComments.authorId))
    .where(eq(postRevisions.postId, post.id))
    .orderBy(asc(revisionComments.createdAt), asc(revisionComments.id));
  const [current] = post.currentRevisionId
    ? await db.select({ number: postRevisions.number }).from(postRevisions).where(eq(postRevisions.id, post.currentRevisionId)).limit(1)
    : [];
  return { postId: post.id, currentRevisionId: post.currentRevisionId, currentRevisionNumber: current?.number ?? null, comments };
}

export type AddedCommentDto = { id: string; postId: string; revisionId: string; revisionNumber: number; notified: number };

/**
 * post.comment — a comment on one revision of a visible post (any of its revisions; the UI offers
 * the current one). Audited as post.commented in the same transaction; tells the post's author and
 * everyone who already commented on or decided the post, except the commenter.
 */
export async function addRevisionComment(viewer: Viewer, input: AddCommentInput): Promise<AddedCommentDto> {
  authorize(viewer, "post.comment");
  const data = parseInput(addCommentSchema, input);
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: posts.id, title: posts.title, authorId: posts.authorId })
      .from(posts)
      .where(visiblePosts(viewer, data.postId))
      .limit(1);
    if (!post) throw new AppError("NOT_FOUND");
    const [rev] = await tx
      .select({ id: postRevisions.id, number: postRevisions.number })
      .from(postRevisions)
      .where(and(eq(postRevisions.id, data.revisionId), eq(postRevisions.postId, post.id)))
      .limit(1);
    if (!rev) throw new AppError("NOT_FOUND");

    const [comment] = await tx
      .insert(revisionComments)
      .values({ revisionId: rev.id, authorId: viewer.id, body: data.body })
      .returning({ id: revisionComments.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.commented",
      subjectType: "post",
      subjectId: post.id,
      data: { commentId: comment!.id, revisionId: rev.id, revisionNumber: rev.number, length: data.body.length },
      requestId: viewer.requestId,
    });

    const notified = await notifyThread(tx, post, rev.number, viewer, data.body);
    return { id: comment!.id, postId: post.id, revisionId: rev.id, revisionNumber: rev.number, notified };
  });
}

/** The reader's page for the post: the author's studio page, else the review page of the highest stage they hold. */
export function commentLinkFor(postId: string, isAuthor: boolean, perms: ReadonlySet<Permission>): string {
  if (isAuthor) return `/studio/posts/${postId}`;
  if (perms.has("post.approve_final")) return `/manager/approvals/${postId}`;
  if (perms.has("post.review_legal")) return `/legal/reviews/${postId}`;
  if (perms.has("post.review_pr")) return `/pr/reviews/${postId}`;
  return `/studio/posts/${postId}`;
}

async function notifyThread(tx: Tx, post: { id: string; title: string; authorId: string }, revisionNumber: number, viewer: Viewer, body: string): Promise<number> {
  const [commenters, deciders] = await Promise.all([
    tx
      .selectDistinct({ id: revisionComments.authorId })
      .from(revisionComments)
      .innerJoin(postRevisions, eq(postRevisions.id, revisionComments.revisionId))
      .where(eq(postRevisions.postId, post.id)),
    tx.selectDistinct({ id: approvals.reviewerId }).from(approvals).where(eq(approvals.postId, post.id)),
  ]);
  const people = new Set<string>([post.authorId, ...commenters.map((r) => r.id), ...deciders.map((r) => r.id)]);
  people.delete(viewer.id);
  if (!people.size) return 0;

  // Group the recipients by the page their link opens (their roles decide it).
  const roleRows = await tx.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, [...people]));
  const rolesOf = new Map<string, string[]>();
  for (const r of roleRows) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  const byLink = new Map<string, string[]>();
  for (const id of people) {
    const perms = permissionsFor((rolesOf.get(id) ?? []).filter(isRole));
    const link = commentLinkFor(post.id, id === post.authorId, perms);
    byLink.set(link, [...(byLink.get(link) ?? []), id]);
  }
  const excerpt = body.length > EXCERPT_MAX ? `${body.slice(0, EXCERPT_MAX - 1)}…` : body;
  let count = 0;
  for (const [link, userIds] of [...byLink].sort(([a], [b]) => a.localeCompare(b))) {
    count += await notify(tx, {
      userIds,
      excludeUserIds: [viewer.id],
      kind: "post.commented",
      params: { postTitle: post.title, author: viewer.name, revision: revisionNumber, excerpt },
      link,
    });
  }
  return count;
}
