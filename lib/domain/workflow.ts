/**
 * The post approval state machine — the "triple check" of DESIGN.md §6 — as one pure function.
 *
 *   draft ─submit─► in_review ──(PR ✓ and Legal ✓ when required, in parallel)──► final_review ─SMM ✓─► approved
 *     ▲                │ request_changes (差し戻し, reason required)                                   │ schedule
 *     └── edit ── changes_requested ◄┘                                                            scheduled ─slot─► publishing ─► published
 *                                                                  not all ✓ by the slot → expired (never published late)
 *
 * `transition(ctx, event)` answers what happens, or why not; the DAL checks permissions (who may
 * fire which event at all), persists the new state and carries out the returned effects in the same
 * transaction. Nothing here reads a clock or a database: `ctx.now` is passed in.
 *
 * Decisions (documented because they are choices):
 * - Approvals bind to the revision's content hash. Every review event carries the hash the reviewer
 *   saw; any other hash is refused as `stale_revision`. Only non-voided records for the current
 *   hash count (`approvalStatus`).
 * - `edit` creates a new revision (its hash in the event), voids every approval of the old one and
 *   returns the post to draft — from review, from approved and from scheduled alike (a scheduled
 *   post is also disarmed). There is no "edit in place after approval". Not allowed once
 *   publishing has started or the post is published (use a correction), nor after cancel.
 * - `request_changes` (差し戻し) sends the post back to the author: changes_requested, which is left
 *   only by `edit` (a new revision) or `cancel`. The same revision cannot be resubmitted: its
 *   reviewer's decision stands (one decision per revision and stage).
 * - `reject` (却下) by PR or the manager ends the post: cancelled, as a rejected 稟議 is closed
 *   rather than returned (their screens offer 差し戻し next to it). Legal's rejection returns the
 *   post to its author instead (changes_requested, the decision recorded as rejected with its
 *   reason): Legal says no to this wording, image or claim, and the author may revise it and ask
 *   again — Legal's own screen has approve / approve with conditions / reject only (issue 5), and a
 *   post Legal cannot clear is still the author's or the manager's to cancel.
 * - PR and Legal review run in parallel inside in_review; Legal is a stage only when
 *   `requiresLegal`. in_review moves to final_review exactly when PR ✓ and (Legal ✓ or not required).
 * - Nobody records a review decision on a revision they authored (`self_approval`), and — unless
 *   the policy turns it off — one person approves at most one stage of a revision
 *   (`same_reviewer`): three checks means three people.
 * - Approvals are refused once the slot has passed (`slot_passed`), and `slot_reached` turns every
 *   post that is not fully approved *and* scheduled into expired. A scheduled post whose slot
 *   fired more than `lateToleranceMs` late (worker down) also expires rather than going out late.
 *   An expired post that is still fully approved (it missed its slot, its content is unchanged) may
 *   be scheduled again by a human; otherwise it needs an edit and a new review.
 * - During a crisis (`ctx.crisisActive`) the slot of a scheduled post holds it (`hold_for_crisis`)
 *   instead of publishing; it stays scheduled until a human reschedules, unschedules or cancels.
 * - `publish_unknown` (the network timed out after we sent): the post becomes failed with a
 *   `needs_human_check` effect (the target's state needs_human_check in post_targets). Post states
 *   have no "unknown", and failed is right for every reader: it is not published as far as anyone
 *   may claim. After reconciliation a human fires `confirm_published` (it was live after all) or
 *   `schedule` (retry at a new slot) or `cancel`.
 * - Permission checks are not here ("missing_permission" is the DAL's FORBIDDEN). Stage logic is:
 *   which stage an event belongs to and whether that stage is open.
 * - Fast lane (`ctx.fastLane`, for corrections, apologies, retractions and statements — see
 *   FAST_LANE_KINDS): a backlash is answered in minutes, not in two rounds. Submit opens PR, Legal
 *   and the manager's final stage at once, all inside in_review; Legal is always required; the
 *   post becomes approved when the last of the three approves, whichever it is (final_review is
 *   skipped). Every other rule holds: the hash binding, no self-approval, three distinct people,
 *   one decision per stage, any ✗ ends the round, the slot guards.
 *
 * Guards are evaluated in this order, and the first failure is returned: invalid_transition,
 * stale_revision, self_approval, reason_required, stage_order / stage_not_required,
 * already_decided, same_reviewer, conditions_unmet (Legal only), checks_blocking, slot/schedule guards.
 * - Approval with conditions (Legal): recorded as Legal's request_changes whose reason lists the
 *   conditions; the structured review (legal_reviews) holds them. The next revision's Legal
 *   approval is refused (`conditions_unmet`) until Legal has marked every condition met on it.
 */

/** The post states, in workflow order. db/schema/content.ts builds its PostgreSQL enum from this list. */
export const POST_STATES = [
  "draft",
  "in_review",
  "changes_requested",
  "final_review",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "expired",
  "failed",
  "cancelled",
] as const;
export type PostState = (typeof POST_STATES)[number];

/** Approval stages and decisions; db/schema/content.ts builds its enums from these. */
export const APPROVAL_STAGES = ["pr", "legal", "final"] as const;
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];
export const APPROVAL_DECISIONS = ["approved", "changes_requested", "rejected"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/**
 * Post kinds reviewed in the fast lane: the company's own word on a matter (a statement) and
 * the answers to a published mistake. They are also the crisis communication, so crisis mode
 * does not hold them (lib/dal/crisis-guard.ts CRISIS_EXEMPT_KINDS is the same list).
 */
export const FAST_LANE_KINDS = ["correction", "apology", "retraction", "statement"] as const;
export type FastLaneKind = (typeof FAST_LANE_KINDS)[number];
/** Every post kind; db/schema/content.ts post_kind has the same values. */
export const POST_KINDS = ["post", ...FAST_LANE_KINDS] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Whether a post of this kind takes the fast lane. */
export function isFastLaneKind(kind: string): kind is FastLaneKind {
  return (FAST_LANE_KINDS as readonly string[]).includes(kind);
}

export const WORKFLOW_EVENTS = [
  "submit",
  "approve_pr",
  "approve_legal",
  "approve_final",
  "request_changes",
  "reject",
  "schedule",
  "unschedule",
  "edit",
  "slot_reached",
  "publish_succeeded",
  "publish_failed",
  "publish_unknown",
  "confirm_published",
  "cancel",
] as const;
export type WorkflowEventType = (typeof WORKFLOW_EVENTS)[number];

export type WorkflowEvent =
  | { type: "submit"; actorId: string }
  | { type: "approve_pr"; actorId: string; revisionHash: string }
  | { type: "approve_legal"; actorId: string; revisionHash: string }
  | { type: "approve_final"; actorId: string; revisionHash: string }
  | { type: "request_changes"; actorId: string; stage: ApprovalStage; revisionHash: string; reason: string }
  | { type: "reject"; actorId: string; stage: ApprovalStage; revisionHash: string; reason: string }
  /** slotAt: a new slot; omitted → the post's planned slot (ctx.slotAt). */
  | { type: "schedule"; actorId: string; slotAt?: Date }
  | { type: "unschedule"; actorId: string }
  | { type: "edit"; actorId: string; newRevisionHash: string }
  /** Fired by the scheduler at the post's slot. */
  | { type: "slot_reached" }
  | { type: "publish_succeeded" }
  | { type: "publish_failed" }
  | { type: "publish_unknown" }
  /** A human confirmed, after reconciliation, that the "failed" post is live. */
  | { type: "confirm_published"; actorId: string }
  | { type: "cancel"; actorId: string };

export type ReasonCode =
  /** The event does not apply in this state. */
  | "invalid_transition"
  /** The decision is for a revision hash other than the current one. */
  | "stale_revision"
  /** The actor authored the revision under review. */
  | "self_approval"
  /** The actor already approved another stage of this revision. */
  | "same_reviewer"
  /** request_changes / reject without a (non-blank) reason. */
  | "reason_required"
  /** The stage is not open yet (final before PR/Legal) or any more. */
  | "stage_order"
  /** Legal review is not required for this post. */
  | "stage_not_required"
  /** This stage already has a decision for this revision. */
  | "already_decided"
  /** The content checks have blocking findings (length, banned term, missing required term, disclosure). */
  | "checks_blocking"
  /** Scheduling needs every required approval for the current revision. */
  | "not_fully_approved"
  /** There is no slot to schedule for / to have reached. */
  | "no_slot"
  /** The slot is now or in the past. */
  | "slot_passed"
  /** slot_reached fired before the slot. */
  | "slot_not_reached"
  /** An edit whose new revision hash equals the current one. */
  | "no_change"
  /** Legal approved an earlier revision with conditions that Legal has not yet marked met on this one. */
  | "conditions_unmet";

export type ExpiryCause = "not_approved" | "not_scheduled" | "missed_window";

export type WorkflowEffect =
  | {
      type: "record_decision";
      stage: ApprovalStage;
      decision: ApprovalDecision;
      revisionHash: string;
      reviewerId: string;
      reason: string | null;
    }
  /** Set voided_at on every approval of this (replaced) revision. */
  | { type: "void_approvals"; revisionHash: string }
  /** Open these stages for review (notify their queues). */
  | { type: "request_review"; stages: ApprovalStage[]; revisionHash: string }
  | { type: "arm_schedule"; slotAt: Date }
  | { type: "disarm_schedule" }
  | { type: "start_publish"; revisionHash: string }
  | { type: "hold_for_crisis" }
  | { type: "mark_expired"; cause: ExpiryCause }
  | { type: "needs_human_check" };

export type TransitionResult = { ok: true; next: PostState; effects: WorkflowEffect[] } | { ok: false; reason: ReasonCode };

export interface ApprovalRecord {
  stage: ApprovalStage;
  decision: ApprovalDecision;
  revisionHash: string;
  reviewerId: string;
  voidedAt?: Date | null;
}

export interface WorkflowPolicy {
  /** One person approves at most one stage of a revision. Default true. */
  distinctReviewers: boolean;
  /** A scheduled post whose slot fires later than this expires instead of publishing. Default 5 minutes. */
  lateToleranceMs: number;
}

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = { distinctReviewers: true, lateToleranceMs: 5 * 60_000 };

export interface WorkflowContext {
  state: PostState;
  /** The post's current revision. */
  revision: { hash: string; authorId: string };
  /** Whether the Legal stage is part of this post's review (see checks.ts requiresLegalReview). */
  requiresLegal: boolean;
  /** Approval records of the post (any revision; voided ones included or not). */
  approvals: readonly ApprovalRecord[];
  /** The current time, passed in. */
  now: Date;
  /** The planned/armed slot (earliest target), if any. */
  slotAt?: Date | null;
  /** runChecks(...).blocking for the current revision, re-run by the server at submit and every approval. */
  checksBlocking?: boolean;
  /** A crisis covers this post (all / its brand / its channel). */
  crisisActive?: boolean;
  /**
   * Legal approved an earlier revision with conditions, and Legal has not yet marked every one met
   * on this revision (lib/domain/legal-review.ts): Legal's approval is refused until they are.
   */
  legalConditionsUnmet?: boolean;
  /**
   * The fast lane (isFastLaneKind(post.kind)): PR, Legal and final open together in in_review,
   * Legal always required, approved when all three have approved.
   */
  fastLane?: boolean;
  policy?: Partial<WorkflowPolicy>;
}

export type StageStatus = "pending" | ApprovalDecision;

export interface ApprovalStatus {
  revisionHash: string;
  pr: StageStatus;
  legal: StageStatus | "not_required";
  final: StageStatus;
  /** PR ✓ and (Legal ✓ or not required): ready for final review. */
  reviewComplete: boolean;
  /** reviewComplete and final ✓. */
  fullyApproved: boolean;
  /** Required stages with no decision yet, in stage order. */
  pendingStages: ApprovalStage[];
  /** Who decided each stage. */
  reviewers: Partial<Record<ApprovalStage, string>>;
}

/** Which states each event can fire from at all (before guards). */
export const EVENT_SOURCES: { readonly [E in WorkflowEventType]: readonly PostState[] } = {
  submit: ["draft"],
  approve_pr: ["in_review", "final_review"],
  approve_legal: ["in_review", "final_review"],
  approve_final: ["in_review", "final_review"],
  request_changes: ["in_review", "final_review"],
  reject: ["in_review", "final_review"],
  schedule: ["approved", "scheduled", "failed", "expired"],
  unschedule: ["scheduled"],
  edit: ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled", "expired", "failed"],
  slot_reached: ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled"],
  publish_succeeded: ["publishing"],
  publish_failed: ["publishing"],
  publish_unknown: ["publishing"],
  confirm_published: ["failed"],
  cancel: ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled", "expired", "failed"],
};

/** States no event leaves. */
export const TERMINAL_STATES: readonly PostState[] = POST_STATES.filter((s) => WORKFLOW_EVENTS.every((e) => !EVENT_SOURCES[e].includes(s)));

/** Structural check only: can `type` fire from `state` at all (guards aside)? For menus and buttons. */
export function canFire(state: PostState, type: WorkflowEventType): boolean {
  return EVENT_SOURCES[type].includes(state);
}

/** The events that can fire from `state` (guards aside), in WORKFLOW_EVENTS order. */
export function eventsFrom(state: PostState): WorkflowEventType[] {
  return WORKFLOW_EVENTS.filter((e) => canFire(state, e));
}

/** Full check, guards included: would `transition(ctx, event)` succeed? */
export function canTransition(ctx: WorkflowContext, event: WorkflowEvent): boolean {
  return transition(ctx, event).ok;
}

/** The stages open for a decision in a state, before any decision is recorded (for queues and menus). */
export function openStages(state: PostState, o: { requiresLegal: boolean; fastLane?: boolean }): ApprovalStage[] {
  if (state === "final_review") return ["final"];
  if (state !== "in_review") return [];
  if (o.fastLane) return ["pr", "legal", "final"];
  return o.requiresLegal ? ["pr", "legal"] : ["pr"];
}

/** The stages a post's review needs, in order. */
export function requiredStages(requiresLegal: boolean): ApprovalStage[] {
  return requiresLegal ? ["pr", "legal", "final"] : ["pr", "final"];
}

/**
 * The approval status of one revision from the post's approval records: only records for that hash
 * and not voided count. Should two records exist for one stage (the unique index prevents it), the
 * most negative decision wins.
 */
export function approvalStatus(
  approvals: readonly ApprovalRecord[],
  revision: { revisionHash: string; requiresLegal: boolean },
): ApprovalStatus {
  const severity: Record<StageStatus, number> = { pending: 0, approved: 1, changes_requested: 2, rejected: 3 };
  const stage: Record<ApprovalStage, StageStatus> = { pr: "pending", legal: "pending", final: "pending" };
  const reviewers: Partial<Record<ApprovalStage, string>> = {};
  for (const a of approvals) {
    if (a.revisionHash !== revision.revisionHash || a.voidedAt) continue;
    if (severity[a.decision] > severity[stage[a.stage]]) {
      stage[a.stage] = a.decision;
      reviewers[a.stage] = a.reviewerId;
    }
  }
  const reviewComplete = stage.pr === "approved" && (!revision.requiresLegal || stage.legal === "approved");
  const pendingStages = requiredStages(revision.requiresLegal).filter((s) => stage[s] === "pending");
  return {
    revisionHash: revision.revisionHash,
    pr: stage.pr,
    legal: revision.requiresLegal ? stage.legal : "not_required",
    final: stage.final,
    reviewComplete,
    fullyApproved: reviewComplete && stage.final === "approved",
    pendingStages,
    reviewers,
  };
}

const refuse = (reason: ReasonCode): TransitionResult => ({ ok: false, reason });
const go = (next: PostState, effects: WorkflowEffect[] = []): TransitionResult => ({ ok: true, next, effects });

export function transition(input: WorkflowContext, event: WorkflowEvent): TransitionResult {
  if (!canFire(input.state, event.type)) return refuse("invalid_transition");
  // The fast lane always includes Legal, whatever the checks said.
  const ctx: WorkflowContext = input.fastLane ? { ...input, requiresLegal: true } : input;
  const fast = !!ctx.fastLane;
  const policy: WorkflowPolicy = { ...DEFAULT_WORKFLOW_POLICY, ...ctx.policy };
  const hash = ctx.revision.hash;
  const status = approvalStatus(ctx.approvals, { revisionHash: hash, requiresLegal: ctx.requiresLegal });
  const now = ctx.now.getTime();
  const slot = ctx.slotAt ? ctx.slotAt.getTime() : null;
  const slotPassed = slot !== null && now >= slot;

  switch (event.type) {
    case "submit": {
      if (ctx.checksBlocking) return refuse("checks_blocking");
      if (slotPassed) return refuse("slot_passed");
      // The fast lane opens all three stages at once; otherwise final waits for PR (and Legal).
      const stages = fast ? status.pendingStages : status.pendingStages.filter((s) => s !== "final");
      return go("in_review", [{ type: "request_review", stages, revisionHash: hash }]);
    }

    case "approve_pr":
    case "approve_legal":
    case "approve_final": {
      const stage: ApprovalStage = event.type === "approve_pr" ? "pr" : event.type === "approve_legal" ? "legal" : "final";
      if (event.revisionHash !== hash) return refuse("stale_revision");
      if (event.actorId === ctx.revision.authorId) return refuse("self_approval");
      const open = stageOpen(ctx, stage, status);
      if (open !== true) return refuse(open);
      if (
        policy.distinctReviewers &&
        (["pr", "legal", "final"] as const).some((s) => s !== stage && status[s] === "approved" && status.reviewers[s] === event.actorId)
      ) {
        return refuse("same_reviewer");
      }
      if (stage === "legal" && ctx.legalConditionsUnmet) return refuse("conditions_unmet");
      if (ctx.checksBlocking) return refuse("checks_blocking");
      if (slotPassed) return refuse("slot_passed");
      const effects: WorkflowEffect[] = [
        { type: "record_decision", stage, decision: "approved", revisionHash: hash, reviewerId: event.actorId, reason: null },
      ];
      if (stage === "final" && !fast) return go("approved", effects);
      const after = approvalStatus([...ctx.approvals, { stage, decision: "approved", revisionHash: hash, reviewerId: event.actorId }], {
        revisionHash: hash,
        requiresLegal: ctx.requiresLegal,
      });
      // Fast lane: the last of the three approvals, whichever stage it is, approves the post.
      if (fast) return go(after.fullyApproved ? "approved" : "in_review", effects);
      if (after.reviewComplete) return go("final_review", [...effects, { type: "request_review", stages: ["final"], revisionHash: hash }]);
      return go("in_review", effects);
    }

    case "request_changes":
    case "reject": {
      if (event.revisionHash !== hash) return refuse("stale_revision");
      if (event.actorId === ctx.revision.authorId) return refuse("self_approval");
      const reason = event.reason.trim();
      if (reason === "") return refuse("reason_required");
      const open = stageOpen(ctx, event.stage, status);
      if (open !== true) return refuse(open);
      const decision: ApprovalDecision = event.type === "reject" ? "rejected" : "changes_requested";
      const effects: WorkflowEffect[] = [
        { type: "record_decision", stage: event.stage, decision, revisionHash: hash, reviewerId: event.actorId, reason },
      ];
      return go(event.type === "reject" && event.stage !== "legal" ? "cancelled" : "changes_requested", effects);
    }

    case "schedule": {
      if (!status.fullyApproved) return refuse("not_fully_approved");
      const slotAt = event.slotAt ?? ctx.slotAt ?? null;
      if (!slotAt) return refuse("no_slot");
      if (slotAt.getTime() <= now) return refuse("slot_passed");
      const effects: WorkflowEffect[] = ctx.state === "scheduled" ? [{ type: "disarm_schedule" }] : [];
      return go("scheduled", [...effects, { type: "arm_schedule", slotAt }]);
    }

    case "unschedule":
      return go("approved", [{ type: "disarm_schedule" }]);

    case "edit": {
      if (event.newRevisionHash === hash) return refuse("no_change");
      const effects: WorkflowEffect[] = [];
      if (ctx.approvals.some((a) => a.revisionHash === hash && !a.voidedAt)) effects.push({ type: "void_approvals", revisionHash: hash });
      if (ctx.state === "scheduled") effects.push({ type: "disarm_schedule" });
      return go("draft", effects);
    }

    case "slot_reached": {
      if (slot === null) return refuse("no_slot");
      if (now < slot) return refuse("slot_not_reached");
      if (ctx.state !== "scheduled") {
        const cause: ExpiryCause = ctx.state === "approved" ? "not_scheduled" : "not_approved";
        return go("expired", [{ type: "mark_expired", cause }]);
      }
      // Defensive: a scheduled post whose approvals no longer cover the current revision never goes out.
      if (!status.fullyApproved) return go("expired", [{ type: "disarm_schedule" }, { type: "mark_expired", cause: "not_approved" }]);
      if (now - slot > policy.lateToleranceMs) {
        return go("expired", [{ type: "disarm_schedule" }, { type: "mark_expired", cause: "missed_window" }]);
      }
      if (ctx.crisisActive) return go("scheduled", [{ type: "hold_for_crisis" }]);
      return go("publishing", [{ type: "start_publish", revisionHash: hash }]);
    }

    case "publish_succeeded":
      return go("published");
    case "publish_failed":
      return go("failed");
    case "publish_unknown":
      return go("failed", [{ type: "needs_human_check" }]);
    case "confirm_published":
      return go("published");

    case "cancel":
      return go("cancelled", ctx.state === "scheduled" ? [{ type: "disarm_schedule" }] : []);
  }
}

/**
 * Is `stage` open for a decision now? in_review opens PR and (when required) Legal — and, in the
 * fast lane, final too; final_review opens final only — and only once the records show the
 * review complete.
 */
function stageOpen(ctx: WorkflowContext, stage: ApprovalStage, status: ApprovalStatus): true | ReasonCode {
  if (stage === "legal" && !ctx.requiresLegal) return "stage_not_required";
  if (stage === "final") {
    if (ctx.fastLane && ctx.state === "in_review") return status.final === "pending" ? true : "already_decided";
    if (ctx.state !== "final_review" || !status.reviewComplete) return "stage_order";
    return status.final === "pending" ? true : "already_decided";
  }
  // pr or legal
  if (ctx.state === "final_review") return "already_decided";
  return status[stage] === "pending" ? true : "already_decided";
}
