import { describe, expect, it } from "vitest";
import { POST_STATES as DB_POST_STATES, approvalDecisionEnum, approvalStageEnum } from "@/db/schema/content";
import { postKindEnum } from "@/db/schema/content";
import { CRISIS_EXEMPT_KINDS } from "@/lib/dal/crisis-guard";
import {
  APPROVAL_DECISIONS,
  APPROVAL_STAGES,
  EVENT_SOURCES,
  FAST_LANE_KINDS,
  POST_KINDS,
  POST_STATES,
  TERMINAL_STATES,
  WORKFLOW_EVENTS,
  approvalStatus,
  canFire,
  canTransition,
  eventsFrom,
  isFastLaneKind,
  openStages,
  requiredStages,
  transition,
  type ApprovalRecord,
  type ApprovalStage,
  type PostState,
  type ReasonCode,
  type TransitionResult,
  type WorkflowContext,
  type WorkflowEffect,
  type WorkflowEvent,
  type WorkflowEventType,
} from "@/lib/domain/workflow";

const MIN = 60_000;
const T0 = new Date("2026-04-01T09:00:00+09:00");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SLOT = at(60 * MIN);

const H1 = "sha256:rev1";
const H2 = "sha256:rev2";
const AUTHOR = "u-creator";
const PR = "u-pr";
const LEGAL = "u-legal";
const SMM = "u-smm";
const PR2 = "u-pr-2";

const rec = (stage: ApprovalStage, reviewerId: string, decision: ApprovalRecord["decision"] = "approved", revisionHash = H1): ApprovalRecord => ({
  stage,
  decision,
  revisionHash,
  reviewerId,
});
const ALL_APPROVED = [rec("pr", PR), rec("legal", LEGAL), rec("final", SMM)];

/** The approval records a post in each state typically has (the "happy" context of that state). */
const RECORDS_IN_STATE: Record<PostState, ApprovalRecord[]> = {
  draft: [],
  in_review: [],
  changes_requested: [rec("pr", PR, "changes_requested")],
  final_review: [rec("pr", PR), rec("legal", LEGAL)],
  approved: ALL_APPROVED,
  scheduled: ALL_APPROVED,
  publishing: ALL_APPROVED,
  published: ALL_APPROVED,
  expired: ALL_APPROVED, // missed its slot with the content unchanged
  failed: ALL_APPROVED,
  cancelled: [],
};

function ctxFor(state: PostState, over: Partial<WorkflowContext> = {}): WorkflowContext {
  return {
    state,
    revision: { hash: H1, authorId: AUTHOR },
    requiresLegal: true,
    approvals: RECORDS_IN_STATE[state],
    now: at(0),
    slotAt: SLOT,
    ...over,
  };
}

/** A valid event of each type, as the right person would fire it in `state`. Exhaustive: a new event type fails to compile here. */
function eventFor(type: WorkflowEventType, state: PostState): WorkflowEvent {
  const finalStage = state === "final_review";
  switch (type) {
    case "submit":
      return { type, actorId: AUTHOR };
    case "approve_pr":
      return { type, actorId: PR, revisionHash: H1 };
    case "approve_legal":
      return { type, actorId: LEGAL, revisionHash: H1 };
    case "approve_final":
      return { type, actorId: SMM, revisionHash: H1 };
    case "request_changes":
    case "reject":
      return { type, actorId: finalStage ? SMM : PR, stage: finalStage ? "final" : "pr", revisionHash: H1, reason: "「日本一」の根拠資料がありません" };
    case "schedule":
      return { type, actorId: SMM, slotAt: at(120 * MIN) };
    case "unschedule":
    case "confirm_published":
    case "cancel":
      return { type, actorId: SMM };
    case "edit":
      return { type, actorId: AUTHOR, newRevisionHash: H2 };
    case "slot_reached":
    case "publish_succeeded":
    case "publish_failed":
    case "publish_unknown":
      return { type };
    default: {
      const unreachable: never = type;
      throw new Error(`no test event for ${String(unreachable)}`);
    }
  }
}

function run(state: PostState, type: WorkflowEventType): TransitionResult {
  // The scheduler fires slot_reached one minute after the slot; every other event happens an hour before it.
  const ctx = ctxFor(state, type === "slot_reached" ? { now: at(61 * MIN) } : {});
  return transition(ctx, eventFor(type, state));
}

const X: ReasonCode = "invalid_transition";
type Outcome = PostState | ReasonCode;

/**
 * EVERY state × EVERY event. A state or event added to the machine without a row/column here fails
 * to compile (satisfies) and fails the "covers exactly" test below.
 */
const EXPECTED = {
  draft: {
    submit: "in_review", approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: X, unschedule: X, edit: "draft", slot_reached: "expired",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  in_review: {
    submit: X, approve_pr: "in_review", approve_legal: "in_review", approve_final: "stage_order", request_changes: "changes_requested", reject: "cancelled",
    schedule: X, unschedule: X, edit: "draft", slot_reached: "expired",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  changes_requested: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: X, unschedule: X, edit: "draft", slot_reached: "expired",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  final_review: {
    submit: X, approve_pr: "already_decided", approve_legal: "already_decided", approve_final: "approved", request_changes: "changes_requested", reject: "cancelled",
    schedule: X, unschedule: X, edit: "draft", slot_reached: "expired",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  approved: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: "scheduled", unschedule: X, edit: "draft", slot_reached: "expired",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  scheduled: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: "scheduled", unschedule: "approved", edit: "draft", slot_reached: "publishing",
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  publishing: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: X, unschedule: X, edit: X, slot_reached: X,
    publish_succeeded: "published", publish_failed: "failed", publish_unknown: "failed", confirm_published: X, cancel: X,
  },
  published: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: X, unschedule: X, edit: X, slot_reached: X,
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: X,
  },
  expired: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: "scheduled", unschedule: X, edit: "draft", slot_reached: X,
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: "cancelled",
  },
  failed: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: "scheduled", unschedule: X, edit: "draft", slot_reached: X,
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: "published", cancel: "cancelled",
  },
  cancelled: {
    submit: X, approve_pr: X, approve_legal: X, approve_final: X, request_changes: X, reject: X,
    schedule: X, unschedule: X, edit: X, slot_reached: X,
    publish_succeeded: X, publish_failed: X, publish_unknown: X, confirm_published: X, cancel: X,
  },
} satisfies Record<PostState, Record<WorkflowEventType, Outcome>>;

const isState = (o: Outcome): o is PostState => (POST_STATES as readonly string[]).includes(o);

describe("workflow: the lists match the database", () => {
  it("POST_STATES is db/schema/content.ts POST_STATES, in order", () => {
    expect([...POST_STATES]).toEqual([...DB_POST_STATES]);
  });
  it("stages and decisions are the approval enums", () => {
    expect([...APPROVAL_STAGES]).toEqual(approvalStageEnum.enumValues);
    expect([...APPROVAL_DECISIONS]).toEqual(approvalDecisionEnum.enumValues);
  });
});

describe("workflow: every state × every event", () => {
  it("the table covers exactly the states and events of the machine", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...POST_STATES].sort());
    for (const state of POST_STATES) expect(Object.keys(EXPECTED[state]).sort()).toEqual([...WORKFLOW_EVENTS].sort());
  });

  const cases = POST_STATES.flatMap((state) => WORKFLOW_EVENTS.map((event) => [state, event, EXPECTED[state][event]] as const));
  it.each(cases)("%s + %s → %s", (state, event, expected) => {
    const result = run(state, event);
    if (isState(expected)) {
      expect(result).toMatchObject({ ok: true, next: expected });
    } else {
      expect(result).toEqual({ ok: false, reason: expected });
    }
  });

  it("EVENT_SOURCES agrees with the table: invalid_transition exactly where the event cannot fire", () => {
    for (const state of POST_STATES) {
      for (const event of WORKFLOW_EVENTS) {
        expect(canFire(state, event), `${state} + ${event}`).toBe(EXPECTED[state][event] !== X);
      }
    }
  });

  it("published and cancelled are the only terminal states; publishing only resolves", () => {
    expect([...TERMINAL_STATES]).toEqual(["published", "cancelled"]);
    expect(eventsFrom("publishing")).toEqual(["publish_succeeded", "publish_failed", "publish_unknown"]);
    expect(eventsFrom("draft")).toEqual(["submit", "edit", "slot_reached", "cancel"]);
  });

  it("canTransition is transition(...).ok", () => {
    for (const state of POST_STATES) for (const event of WORKFLOW_EVENTS) {
      const ctx = ctxFor(state, event === "slot_reached" ? { now: at(61 * MIN) } : {});
      expect(canTransition(ctx, eventFor(event, state))).toBe(transition(ctx, eventFor(event, state)).ok);
    }
  });
});

const effectsOf = (r: TransitionResult): WorkflowEffect[] => (r.ok ? r.effects : []);

describe("workflow: submit and the parallel PR + Legal stage", () => {
  it("submit opens PR and Legal together when Legal is required, PR only when not", () => {
    expect(transition(ctxFor("draft"), { type: "submit", actorId: AUTHOR })).toEqual({
      ok: true,
      next: "in_review",
      effects: [{ type: "request_review", stages: ["pr", "legal"], revisionHash: H1 }],
    });
    expect(effectsOf(transition(ctxFor("draft", { requiresLegal: false }), { type: "submit", actorId: AUTHOR }))).toEqual([
      { type: "request_review", stages: ["pr"], revisionHash: H1 },
    ]);
  });

  it("PR then Legal: final_review only after the second approval, and final review is requested then", () => {
    const first = transition(ctxFor("in_review"), { type: "approve_pr", actorId: PR, revisionHash: H1 });
    expect(first).toEqual({
      ok: true,
      next: "in_review",
      effects: [{ type: "record_decision", stage: "pr", decision: "approved", revisionHash: H1, reviewerId: PR, reason: null }],
    });
    const second = transition(ctxFor("in_review", { approvals: [rec("pr", PR)] }), { type: "approve_legal", actorId: LEGAL, revisionHash: H1 });
    expect(second).toEqual({
      ok: true,
      next: "final_review",
      effects: [
        { type: "record_decision", stage: "legal", decision: "approved", revisionHash: H1, reviewerId: LEGAL, reason: null },
        { type: "request_review", stages: ["final"], revisionHash: H1 },
      ],
    });
  });

  it("Legal then PR reaches final_review as well (order inside the stage does not matter)", () => {
    const first = transition(ctxFor("in_review"), { type: "approve_legal", actorId: LEGAL, revisionHash: H1 });
    expect(first).toMatchObject({ ok: true, next: "in_review" });
    const second = transition(ctxFor("in_review", { approvals: [rec("legal", LEGAL)] }), { type: "approve_pr", actorId: PR, revisionHash: H1 });
    expect(second).toMatchObject({ ok: true, next: "final_review" });
  });

  it("without Legal required, PR alone completes the review; a Legal approval is refused as not required", () => {
    const ctx = ctxFor("in_review", { requiresLegal: false });
    expect(transition(ctx, { type: "approve_pr", actorId: PR, revisionHash: H1 })).toMatchObject({ ok: true, next: "final_review" });
    expect(transition(ctx, { type: "approve_legal", actorId: LEGAL, revisionHash: H1 })).toEqual({ ok: false, reason: "stage_not_required" });
    expect(
      transition(ctx, { type: "request_changes", actorId: LEGAL, stage: "legal", revisionHash: H1, reason: "確認したい" }),
    ).toEqual({ ok: false, reason: "stage_not_required" });
  });

  it("a second approval of a stage already decided for this revision is refused (racing approvers)", () => {
    const ctx = ctxFor("in_review", { approvals: [rec("pr", PR)] });
    expect(transition(ctx, { type: "approve_pr", actorId: PR2, revisionHash: H1 })).toEqual({ ok: false, reason: "already_decided" });
    expect(
      transition(ctx, { type: "request_changes", actorId: PR2, stage: "pr", revisionHash: H1, reason: "やはり修正" }),
    ).toEqual({ ok: false, reason: "already_decided" });
  });

  it("final approval by the manager moves final_review to approved", () => {
    expect(transition(ctxFor("final_review"), { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({
      ok: true,
      next: "approved",
      effects: [{ type: "record_decision", stage: "final", decision: "approved", revisionHash: H1, reviewerId: SMM, reason: null }],
    });
  });
});

describe("workflow: guards", () => {
  it("self-approval: the revision's author cannot approve or decide any stage", () => {
    expect(transition(ctxFor("in_review"), { type: "approve_pr", actorId: AUTHOR, revisionHash: H1 })).toEqual({ ok: false, reason: "self_approval" });
    expect(transition(ctxFor("in_review"), { type: "approve_legal", actorId: AUTHOR, revisionHash: H1 })).toEqual({ ok: false, reason: "self_approval" });
    expect(transition(ctxFor("final_review"), { type: "approve_final", actorId: AUTHOR, revisionHash: H1 })).toEqual({ ok: false, reason: "self_approval" });
    expect(
      transition(ctxFor("in_review"), { type: "request_changes", actorId: AUTHOR, stage: "pr", revisionHash: H1, reason: "x" }),
    ).toEqual({ ok: false, reason: "self_approval" });
  });

  it("self-approval follows the revision: after someone else edits, the original creator may review", () => {
    const ctx = ctxFor("in_review", { revision: { hash: H2, authorId: SMM } });
    expect(transition(ctx, { type: "approve_pr", actorId: AUTHOR, revisionHash: H2 })).toMatchObject({ ok: true });
  });

  it("stage order: final approval before PR/Legal are done is refused", () => {
    expect(transition(ctxFor("in_review"), { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "stage_order" });
    const prOnly = ctxFor("in_review", { approvals: [rec("pr", PR)] });
    expect(transition(prOnly, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "stage_order" });
    // A state that claims final_review while the records lack Legal is not trusted.
    const inconsistent = ctxFor("final_review", { approvals: [rec("pr", PR)] });
    expect(transition(inconsistent, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "stage_order" });
    expect(
      transition(ctxFor("in_review"), { type: "request_changes", actorId: SMM, stage: "final", revisionHash: H1, reason: "x" }),
    ).toEqual({ ok: false, reason: "stage_order" });
  });

  it("in final review, PR and Legal can no longer change their decision on this revision", () => {
    expect(
      transition(ctxFor("final_review"), { type: "request_changes", actorId: LEGAL, stage: "legal", revisionHash: H1, reason: "やはり" }),
    ).toEqual({ ok: false, reason: "already_decided" });
  });

  it("stale revision: a decision for another hash than the current revision's is refused", () => {
    for (const type of ["approve_pr", "approve_legal"] as const) {
      expect(transition(ctxFor("in_review"), { type, actorId: PR, revisionHash: "sha256:old" })).toEqual({ ok: false, reason: "stale_revision" });
    }
    expect(transition(ctxFor("final_review"), { type: "approve_final", actorId: SMM, revisionHash: "sha256:old" })).toEqual({
      ok: false,
      reason: "stale_revision",
    });
    expect(
      transition(ctxFor("in_review"), { type: "reject", actorId: PR, stage: "pr", revisionHash: "sha256:old", reason: "x" }),
    ).toEqual({ ok: false, reason: "stale_revision" });
  });

  it.each(["", "   ", "\n\t", "　"])("reason required for request_changes and reject (reason %j)", (reason) => {
    for (const type of ["request_changes", "reject"] as const) {
      expect(transition(ctxFor("in_review"), { type, actorId: PR, stage: "pr", revisionHash: H1, reason })).toEqual({
        ok: false,
        reason: "reason_required",
      });
    }
  });

  it("request_changes records the trimmed reason and returns the post to the author; reject closes it", () => {
    const back = transition(ctxFor("in_review"), { type: "request_changes", actorId: LEGAL, stage: "legal", revisionHash: H1, reason: "  肖像権の確認を  " });
    expect(back).toEqual({
      ok: true,
      next: "changes_requested",
      effects: [{ type: "record_decision", stage: "legal", decision: "changes_requested", revisionHash: H1, reviewerId: LEGAL, reason: "肖像権の確認を" }],
    });
    const rejected = transition(ctxFor("final_review"), { type: "reject", actorId: SMM, stage: "final", revisionHash: H1, reason: "時期が不適切" });
    expect(rejected).toMatchObject({ ok: true, next: "cancelled", effects: [{ type: "record_decision", decision: "rejected", stage: "final" }] });
    expect(transition(ctxFor("in_review"), { type: "reject", actorId: PR, stage: "pr", revisionHash: H1, reason: "時期が不適切" })).toMatchObject({ ok: true, next: "cancelled" });
  });

  it("Legal's rejection returns the post to its author with the reason (recorded as rejected), it does not cancel it", () => {
    const r = transition(ctxFor("in_review"), { type: "reject", actorId: LEGAL, stage: "legal", revisionHash: H1, reason: " 第三者の画像の許諾がありません " });
    expect(r).toEqual({
      ok: true,
      next: "changes_requested",
      effects: [{ type: "record_decision", stage: "legal", decision: "rejected", revisionHash: H1, reviewerId: LEGAL, reason: "第三者の画像の許諾がありません" }],
    });
    // The author revises: a new revision, back to draft, every decision on the old one voided.
    const edited = transition({ ...ctxFor("changes_requested"), approvals: [rec("legal", LEGAL, "rejected")] }, { type: "edit", actorId: AUTHOR, newRevisionHash: H2 });
    expect(edited).toMatchObject({ ok: true, next: "draft" });
  });

  it("three checks, three people: one reviewer approves at most one stage of a revision (policy can relax it)", () => {
    const ctx = ctxFor("final_review", { approvals: [rec("pr", SMM), rec("legal", LEGAL)] });
    expect(transition(ctx, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "same_reviewer" });
    const relaxed = { ...ctx, policy: { distinctReviewers: false } };
    expect(transition(relaxed, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toMatchObject({ ok: true, next: "approved" });
    const legalByPr = ctxFor("in_review", { approvals: [rec("pr", PR)] });
    expect(transition(legalByPr, { type: "approve_legal", actorId: PR, revisionHash: H1 })).toEqual({ ok: false, reason: "same_reviewer" });
  });

  it("blocking checks stop submit and approvals, not requests for changes", () => {
    expect(transition(ctxFor("draft", { checksBlocking: true }), { type: "submit", actorId: AUTHOR })).toEqual({ ok: false, reason: "checks_blocking" });
    expect(transition(ctxFor("in_review", { checksBlocking: true }), { type: "approve_pr", actorId: PR, revisionHash: H1 })).toEqual({
      ok: false,
      reason: "checks_blocking",
    });
    expect(transition(ctxFor("final_review", { checksBlocking: true }), { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({
      ok: false,
      reason: "checks_blocking",
    });
    expect(
      transition(ctxFor("in_review", { checksBlocking: true }), { type: "request_changes", actorId: PR, stage: "pr", revisionHash: H1, reason: "開示がない" }),
    ).toMatchObject({ ok: true, next: "changes_requested" });
  });

  it("guards are checked in the documented order (stale before self before reason)", () => {
    const ctx = ctxFor("in_review");
    expect(transition(ctx, { type: "reject", actorId: AUTHOR, stage: "pr", revisionHash: "old", reason: "" })).toEqual({ ok: false, reason: "stale_revision" });
    expect(transition(ctx, { type: "reject", actorId: AUTHOR, stage: "pr", revisionHash: H1, reason: "" })).toEqual({ ok: false, reason: "self_approval" });
    expect(transition(ctx, { type: "reject", actorId: PR, stage: "final", revisionHash: H1, reason: "" })).toEqual({ ok: false, reason: "reason_required" });
  });
});

describe("workflow: edit voids approvals", () => {
  it.each(["in_review", "final_review", "approved", "expired", "failed"] as const)("editing a post in %s voids the old revision's approvals and returns it to draft", (state) => {
    const result = transition(ctxFor(state), { type: "edit", actorId: AUTHOR, newRevisionHash: H2 });
    expect(result.ok && result.next).toBe("draft");
    const effects = effectsOf(result);
    if (RECORDS_IN_STATE[state].length > 0) expect(effects).toContainEqual({ type: "void_approvals", revisionHash: H1 });
    expect(effects.some((e) => e.type === "disarm_schedule")).toBe(false);
  });

  it("editing a scheduled post voids its approvals and disarms its schedule", () => {
    const result = transition(ctxFor("scheduled"), { type: "edit", actorId: SMM, newRevisionHash: H2 });
    expect(result).toEqual({
      ok: true,
      next: "draft",
      effects: [{ type: "void_approvals", revisionHash: H1 }, { type: "disarm_schedule" }],
    });
  });

  it("after the edit nothing is approved for the new revision, and old-hash approvals are stale", () => {
    const voided = ALL_APPROVED.map((a) => ({ ...a, voidedAt: at(0) }));
    const status = approvalStatus(voided, { revisionHash: H2, requiresLegal: true });
    expect(status).toMatchObject({ pr: "pending", legal: "pending", final: "pending", fullyApproved: false, pendingStages: ["pr", "legal", "final"] });
    // Even unvoided, records for the old hash do not count for the new one.
    expect(approvalStatus(ALL_APPROVED, { revisionHash: H2, requiresLegal: true }).fullyApproved).toBe(false);

    const ctx = ctxFor("in_review", { revision: { hash: H2, authorId: AUTHOR }, approvals: voided });
    expect(transition(ctx, { type: "approve_pr", actorId: PR, revisionHash: H1 })).toEqual({ ok: false, reason: "stale_revision" });
    expect(transition(ctx, { type: "approve_pr", actorId: PR, revisionHash: H2 })).toMatchObject({ ok: true, next: "in_review" });
    // And a post with voided approvals cannot be scheduled.
    const approvedButVoided = ctxFor("approved", { revision: { hash: H2, authorId: AUTHOR }, approvals: voided });
    expect(transition(approvedButVoided, { type: "schedule", actorId: SMM })).toEqual({ ok: false, reason: "not_fully_approved" });
  });

  it("an edit that changes nothing (same hash) is refused; published posts cannot be edited", () => {
    expect(transition(ctxFor("approved"), { type: "edit", actorId: AUTHOR, newRevisionHash: H1 })).toEqual({ ok: false, reason: "no_change" });
    for (const state of ["publishing", "published", "cancelled"] as const) {
      expect(transition(ctxFor(state), { type: "edit", actorId: AUTHOR, newRevisionHash: H2 })).toEqual({ ok: false, reason: "invalid_transition" });
    }
  });

  it("changes_requested is left by editing (a new revision), never by resubmitting the same one", () => {
    expect(transition(ctxFor("changes_requested"), { type: "submit", actorId: AUTHOR })).toEqual({ ok: false, reason: "invalid_transition" });
    const edited = transition(ctxFor("changes_requested"), { type: "edit", actorId: AUTHOR, newRevisionHash: H2 });
    expect(edited).toEqual({ ok: true, next: "draft", effects: [{ type: "void_approvals", revisionHash: H1 }] });
    const ctx = ctxFor("draft", { revision: { hash: H2, authorId: AUTHOR }, approvals: RECORDS_IN_STATE.changes_requested });
    expect(transition(ctx, { type: "submit", actorId: AUTHOR })).toMatchObject({ ok: true, next: "in_review" });
  });
});

describe("workflow: slots — expired, never published late", () => {
  const reached = (state: PostState, over: Partial<WorkflowContext> = {}) =>
    transition(ctxFor(state, { now: at(61 * MIN), ...over }), { type: "slot_reached" });

  it.each([
    ["draft", "not_approved"],
    ["in_review", "not_approved"],
    ["changes_requested", "not_approved"],
    ["final_review", "not_approved"],
    ["approved", "not_scheduled"],
  ] as const)("a post still in %s at its slot expires (%s)", (state, cause) => {
    expect(reached(state)).toEqual({ ok: true, next: "expired", effects: [{ type: "mark_expired", cause }] });
  });

  it("a fully approved, scheduled post publishes at its slot", () => {
    expect(reached("scheduled")).toEqual({ ok: true, next: "publishing", effects: [{ type: "start_publish", revisionHash: H1 }] });
    expect(reached("scheduled", { now: SLOT })).toMatchObject({ ok: true, next: "publishing" });
  });

  it("a slot that fires late (worker down) beyond the tolerance expires instead of publishing late", () => {
    expect(reached("scheduled", { now: at(65 * MIN) })).toMatchObject({ ok: true, next: "publishing" }); // exactly 5 min late
    expect(reached("scheduled", { now: at(65 * MIN + 1) })).toEqual({
      ok: true,
      next: "expired",
      effects: [{ type: "disarm_schedule" }, { type: "mark_expired", cause: "missed_window" }],
    });
    expect(reached("scheduled", { now: at(24 * 60 * MIN), policy: { lateToleranceMs: 0 } })).toMatchObject({ next: "expired" });
  });

  it("a scheduled post whose approvals do not cover the current revision never goes out", () => {
    const result = reached("scheduled", { approvals: [rec("pr", PR), rec("legal", LEGAL)] });
    expect(result).toMatchObject({ ok: true, next: "expired", effects: [{ type: "disarm_schedule" }, { type: "mark_expired", cause: "not_approved" }] });
  });

  it("the approval that arrives after the slot is refused, and an expired post cannot be approved", () => {
    const late = ctxFor("final_review", { now: SLOT });
    expect(transition(late, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "slot_passed" });
    const lateReview = ctxFor("in_review", { now: at(90 * MIN) });
    expect(transition(lateReview, { type: "approve_pr", actorId: PR, revisionHash: H1 })).toEqual({ ok: false, reason: "slot_passed" });
    const expired = ctxFor("expired", { approvals: [rec("pr", PR), rec("legal", LEGAL)], now: at(90 * MIN) });
    expect(transition(expired, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({ ok: false, reason: "invalid_transition" });
    expect(transition(expired, { type: "schedule", actorId: SMM, slotAt: at(180 * MIN) })).toEqual({ ok: false, reason: "not_fully_approved" });
  });

  it("slot_reached before the slot, or without one, is refused", () => {
    expect(transition(ctxFor("scheduled"), { type: "slot_reached" })).toEqual({ ok: false, reason: "slot_not_reached" });
    expect(transition(ctxFor("scheduled", { slotAt: null, now: at(61 * MIN) }), { type: "slot_reached" })).toEqual({ ok: false, reason: "no_slot" });
  });

  it("submit and schedule refuse a slot in the past; schedule needs a slot", () => {
    expect(transition(ctxFor("draft", { now: SLOT }), { type: "submit", actorId: AUTHOR })).toEqual({ ok: false, reason: "slot_passed" });
    expect(transition(ctxFor("draft", { slotAt: null }), { type: "submit", actorId: AUTHOR })).toMatchObject({ ok: true });
    expect(transition(ctxFor("approved"), { type: "schedule", actorId: SMM, slotAt: at(0) })).toEqual({ ok: false, reason: "slot_passed" });
    expect(transition(ctxFor("approved", { slotAt: null }), { type: "schedule", actorId: SMM })).toEqual({ ok: false, reason: "no_slot" });
    expect(transition(ctxFor("approved"), { type: "schedule", actorId: SMM })).toEqual({
      ok: true,
      next: "scheduled",
      effects: [{ type: "arm_schedule", slotAt: SLOT }],
    });
  });

  it("rescheduling disarms the old slot and arms the new; unschedule returns to approved", () => {
    const slotAt = at(180 * MIN);
    expect(transition(ctxFor("scheduled"), { type: "schedule", actorId: SMM, slotAt })).toEqual({
      ok: true,
      next: "scheduled",
      effects: [{ type: "disarm_schedule" }, { type: "arm_schedule", slotAt }],
    });
    expect(transition(ctxFor("scheduled"), { type: "unschedule", actorId: SMM })).toEqual({ ok: true, next: "approved", effects: [{ type: "disarm_schedule" }] });
  });

  it("during a crisis the slot holds the post instead of publishing it", () => {
    expect(reached("scheduled", { crisisActive: true })).toEqual({ ok: true, next: "scheduled", effects: [{ type: "hold_for_crisis" }] });
    // After the crisis, the missed slot does not fire a burst: it expires unless a human reschedules.
    expect(reached("scheduled", { crisisActive: false, now: at(3 * 60 * MIN) })).toMatchObject({ next: "expired" });
  });
});

describe("workflow: publishing outcomes", () => {
  it("success publishes; failure fails; an unknown outcome fails and asks for a human check", () => {
    expect(transition(ctxFor("publishing"), { type: "publish_succeeded" })).toEqual({ ok: true, next: "published", effects: [] });
    expect(transition(ctxFor("publishing"), { type: "publish_failed" })).toEqual({ ok: true, next: "failed", effects: [] });
    expect(transition(ctxFor("publishing"), { type: "publish_unknown" })).toEqual({ ok: true, next: "failed", effects: [{ type: "needs_human_check" }] });
  });

  it("after reconciliation a human confirms it was published, or retries at a new slot", () => {
    expect(transition(ctxFor("failed"), { type: "confirm_published", actorId: SMM })).toEqual({ ok: true, next: "published", effects: [] });
    expect(transition(ctxFor("failed"), { type: "schedule", actorId: SMM, slotAt: at(120 * MIN) })).toMatchObject({ ok: true, next: "scheduled" });
  });

  it("cancelling a scheduled post disarms it; publishing cannot be cancelled mid-flight", () => {
    expect(transition(ctxFor("scheduled"), { type: "cancel", actorId: SMM })).toEqual({ ok: true, next: "cancelled", effects: [{ type: "disarm_schedule" }] });
    expect(transition(ctxFor("publishing"), { type: "cancel", actorId: SMM })).toEqual({ ok: false, reason: "invalid_transition" });
  });
});

describe("approvalStatus", () => {
  it("counts only non-voided records of the given revision", () => {
    const records: ApprovalRecord[] = [
      rec("pr", PR),
      { ...rec("legal", LEGAL), voidedAt: at(0) },
      rec("final", SMM, "approved", "sha256:other"),
    ];
    expect(approvalStatus(records, { revisionHash: H1, requiresLegal: true })).toEqual({
      revisionHash: H1,
      pr: "approved",
      legal: "pending",
      final: "pending",
      reviewComplete: false,
      fullyApproved: false,
      pendingStages: ["legal", "final"],
      reviewers: { pr: PR },
    });
  });

  it("Legal not required reads as such, and PR + final approve the post", () => {
    const s = approvalStatus([rec("pr", PR), rec("final", SMM)], { revisionHash: H1, requiresLegal: false });
    expect(s).toMatchObject({ legal: "not_required", reviewComplete: true, fullyApproved: true, pendingStages: [] });
  });

  it("should a stage have two records, the most negative wins", () => {
    const s = approvalStatus([rec("pr", PR), rec("pr", PR2, "changes_requested")], { revisionHash: H1, requiresLegal: false });
    expect(s.pr).toBe("changes_requested");
    expect(s.reviewers.pr).toBe(PR2);
  });

  it("requiredStages", () => {
    expect(requiredStages(true)).toEqual(["pr", "legal", "final"]);
    expect(requiredStages(false)).toEqual(["pr", "final"]);
  });

  it("EVENT_SOURCES lists only real states", () => {
    for (const event of WORKFLOW_EVENTS) for (const s of EVENT_SOURCES[event]) expect(POST_STATES).toContain(s);
  });
});

describe("workflow: random walks keep the invariants", () => {
  /** A small deterministic PRNG (mulberry32), so a failure reproduces. */
  function prng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: nothing publishes unless fully approved by distinct non-authors, on time", (seed) => {
    const rnd = prng(seed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const people = [AUTHOR, PR, PR2, LEGAL, SMM];
    let revisionNo = 1;
    let ctx: WorkflowContext = {
      state: "draft",
      revision: { hash: "h1", authorId: AUTHOR },
      requiresLegal: rnd() < 0.5,
      approvals: [],
      now: at(0),
      slotAt: at(30 * MIN),
    };
    let publishing = 0;
    for (let step = 0; step < 5000; step++) {
      // Mostly events that can fire from the current state (so the walk gets somewhere), sometimes any event.
      let type = rnd() < 0.7 ? pick(eventsFrom(ctx.state)) : pick(WORKFLOW_EVENTS);
      // Cancelling, rejecting and editing restart the journey; make them rarer so it also gets to the end.
      if ((type === "cancel" || type === "reject" || type === "edit") && rnd() < 0.8) type = pick(eventsFrom(ctx.state));
      if (type === "slot_reached" && ctx.slotAt && rnd() < (ctx.state === "scheduled" ? 0.8 : 0.05)) {
        // The scheduler fires at the slot, sometimes a little late, sometimes too late.
        ctx = { ...ctx, now: new Date(ctx.slotAt.getTime() + rnd() * 8 * MIN) };
      }
      const hash = rnd() < 0.85 ? ctx.revision.hash : `h${Math.max(1, revisionNo - 1)}`;
      const actorId = pick(people);
      const stage = pick(APPROVAL_STAGES);
      const event: WorkflowEvent =
        type === "approve_pr" || type === "approve_legal" || type === "approve_final"
          ? { type, actorId, revisionHash: hash }
          : type === "request_changes" || type === "reject"
            ? { type, actorId, stage, revisionHash: hash, reason: rnd() < 0.2 ? "" : "理由" }
            : type === "schedule"
              ? { type, actorId, slotAt: rnd() < 0.5 ? undefined : new Date(ctx.now.getTime() + (rnd() - 0.2) * 60 * MIN) }
              : type === "edit"
                ? { type, actorId, newRevisionHash: `h${revisionNo + 1}` }
                : type === "slot_reached" || type === "publish_succeeded" || type === "publish_failed" || type === "publish_unknown"
                  ? { type }
                  : { type, actorId };
      const before = ctx;
      const result = transition(ctx, event);
      if (!result.ok) {
        ctx = { ...ctx, now: new Date(ctx.now.getTime() + rnd() * MIN) };
        continue;
      }
      if (result.next === "publishing") {
        publishing++;
        const status = approvalStatus(before.approvals, { revisionHash: before.revision.hash, requiresLegal: before.requiresLegal });
        expect(before.state).toBe("scheduled");
        expect(status.fullyApproved).toBe(true);
        const reviewers = Object.values(status.reviewers);
        expect(reviewers).not.toContain(before.revision.authorId);
        expect(new Set(reviewers).size).toBe(reviewers.length);
        const slot = before.slotAt?.getTime() ?? NaN;
        expect(before.now.getTime()).toBeGreaterThanOrEqual(slot);
        expect(before.now.getTime() - slot).toBeLessThanOrEqual(5 * MIN);
      }
      if (result.next === "published") {
        expect(["publishing", "failed"]).toContain(before.state);
      }
      // Apply the effects as the DAL would.
      let approvals = [...ctx.approvals];
      let slotAt = ctx.slotAt ?? null;
      let revision = ctx.revision;
      for (const effect of result.effects) {
        if (effect.type === "record_decision") {
          approvals.push({ stage: effect.stage, decision: effect.decision, revisionHash: effect.revisionHash, reviewerId: effect.reviewerId });
        } else if (effect.type === "void_approvals") {
          approvals = approvals.map((a) => (a.revisionHash === effect.revisionHash ? { ...a, voidedAt: ctx.now } : a));
        } else if (effect.type === "arm_schedule") {
          slotAt = effect.slotAt;
        }
      }
      if (event.type === "edit") {
        revisionNo++;
        revision = { hash: event.newRevisionHash, authorId: event.actorId };
        // Editing usually comes with a new planned slot.
        slotAt = new Date(ctx.now.getTime() + (20 + rnd() * 120) * MIN);
      }
      if (TERMINAL_STATES.includes(result.next)) {
        // Start a new post so the walk keeps exploring.
        revisionNo++;
        revision = { hash: `h${revisionNo}`, authorId: pick(people) };
        approvals = [];
        slotAt = new Date(ctx.now.getTime() + (20 + rnd() * 120) * MIN);
        ctx = { ...ctx, state: "draft", revision, approvals, slotAt, requiresLegal: rnd() < 0.5, now: new Date(ctx.now.getTime() + MIN) };
        continue;
      }
      ctx = { ...ctx, state: result.next, approvals, slotAt, revision, now: new Date(ctx.now.getTime() + rnd() * MIN) };
    }
    // The walk must actually exercise the publishing path, or the invariants above proved nothing.
    expect(publishing).toBeGreaterThan(0);
  });
});

describe("workflow: the fast lane (corrections, apologies, retractions, statements)", () => {
  /** Fast-lane context: Legal deliberately NOT required by the checks, to show the lane forces it. */
  const fastCtx = (state: PostState, over: Partial<WorkflowContext> = {}) => ctxFor(state, { fastLane: true, requiresLegal: false, ...over });
  const fastRun = (state: PostState, type: WorkflowEventType) =>
    transition(fastCtx(state, type === "slot_reached" ? { now: at(61 * MIN) } : {}), eventFor(type, state));

  /**
   * EVERY state × EVERY event in the fast lane. Written as the normal table plus the cells that
   * differ, and a test below pins exactly which cells differ.
   */
  const FAST_DIFF: Partial<Record<PostState, Partial<Record<WorkflowEventType, Outcome>>>> = {
    // The manager's final approval is open in in_review, in parallel with PR and Legal.
    in_review: { approve_final: "in_review" },
  };
  const FAST_EXPECTED = Object.fromEntries(
    POST_STATES.map((s) => [s, { ...EXPECTED[s], ...(FAST_DIFF[s] ?? {}) }]),
  ) as Record<PostState, Record<WorkflowEventType, Outcome>>;

  it("the kinds: four fast-lane kinds, the database enum, and the crisis-exempt kinds are one list", () => {
    expect([...FAST_LANE_KINDS]).toEqual(["correction", "apology", "retraction", "statement"]);
    expect([...POST_KINDS].sort()).toEqual([...postKindEnum.enumValues].sort());
    expect([...FAST_LANE_KINDS].sort()).toEqual([...CRISIS_EXEMPT_KINDS].sort());
    for (const k of FAST_LANE_KINDS) expect(isFastLaneKind(k)).toBe(true);
    for (const k of ["post", "", "Correction", "statement ", "toString"]) expect(isFastLaneKind(k)).toBe(false);
  });

  it("differs from the normal lane in exactly one cell: final approval during in_review", () => {
    const diffs: string[] = [];
    for (const state of POST_STATES) for (const event of WORKFLOW_EVENTS) if (FAST_EXPECTED[state][event] !== EXPECTED[state][event]) diffs.push(`${state}+${event}`);
    expect(diffs).toEqual(["in_review+approve_final"]);
  });

  const cases = POST_STATES.flatMap((state) => WORKFLOW_EVENTS.map((event) => [state, event, FAST_EXPECTED[state][event]!] as const));
  it.each(cases)("fast lane: %s + %s → %s", (state, event, expected) => {
    const result = fastRun(state, event);
    if (isState(expected)) expect(result).toMatchObject({ ok: true, next: expected });
    else expect(result).toEqual({ ok: false, reason: expected });
  });

  it("submit opens PR, Legal and final at once — Legal even when the checks would not require it", () => {
    expect(transition(fastCtx("draft"), { type: "submit", actorId: AUTHOR })).toEqual({
      ok: true,
      next: "in_review",
      effects: [{ type: "request_review", stages: ["pr", "legal", "final"], revisionHash: H1 }],
    });
    expect(transition(fastCtx("draft", { requiresLegal: true }), { type: "submit", actorId: AUTHOR })).toMatchObject({
      effects: [{ type: "request_review", stages: ["pr", "legal", "final"] }],
    });
  });

  const APPROVER: Record<ApprovalStage, { type: "approve_pr" | "approve_legal" | "approve_final"; actorId: string }> = {
    pr: { type: "approve_pr", actorId: PR },
    legal: { type: "approve_legal", actorId: LEGAL },
    final: { type: "approve_final", actorId: SMM },
  };
  const ORDERS: ApprovalStage[][] = [
    ["pr", "legal", "final"],
    ["pr", "final", "legal"],
    ["legal", "pr", "final"],
    ["legal", "final", "pr"],
    ["final", "pr", "legal"],
    ["final", "legal", "pr"],
  ];
  it.each(ORDERS.map((o) => [o.join(" → "), o] as const))("in any order (%s) the third approval approves the post, never before", (_label, order) => {
    let approvals: ApprovalRecord[] = [];
    let state: PostState = "in_review";
    order.forEach((stage, i) => {
      const { type, actorId } = APPROVER[stage];
      const result = transition(fastCtx(state, { approvals }), { type, actorId, revisionHash: H1 });
      expect(result).toEqual({
        ok: true,
        next: i === 2 ? "approved" : "in_review",
        // No separate request for final review: it was opened at submit.
        effects: [{ type: "record_decision", stage, decision: "approved", revisionHash: H1, reviewerId: actorId, reason: null }],
      });
      if (result.ok) state = result.next;
      approvals = [...approvals, rec(stage, actorId)];
    });
    expect(state).toBe("approved");
    expect(approvalStatus(approvals, { revisionHash: H1, requiresLegal: true }).fullyApproved).toBe(true);
    expect(transition(fastCtx("approved", { approvals }), { type: "schedule", actorId: SMM })).toMatchObject({ ok: true, next: "scheduled" });
  });

  it("PR and final alone do not approve it: Legal is always required in the fast lane", () => {
    const approvals = [rec("pr", PR), rec("final", SMM)];
    expect(transition(fastCtx("in_review", { approvals: [rec("pr", PR)] }), { type: "approve_final", actorId: SMM, revisionHash: H1 })).toMatchObject({
      next: "in_review",
    });
    expect(transition(fastCtx("approved", { approvals }), { type: "schedule", actorId: SMM })).toEqual({ ok: false, reason: "not_fully_approved" });
  });

  it("no self-approval at any of the three stages", () => {
    for (const stage of APPROVAL_STAGES) {
      expect(transition(fastCtx("in_review"), { type: APPROVER[stage].type, actorId: AUTHOR, revisionHash: H1 })).toEqual({ ok: false, reason: "self_approval" });
      expect(transition(fastCtx("in_review"), { type: "request_changes", actorId: AUTHOR, stage, revisionHash: H1, reason: "x" })).toEqual({
        ok: false,
        reason: "self_approval",
      });
    }
  });

  it("three distinct people: whoever approved one stage cannot approve another", () => {
    const ctx = fastCtx("in_review", { approvals: [rec("final", PR)] });
    expect(transition(ctx, { type: "approve_pr", actorId: PR, revisionHash: H1 })).toEqual({ ok: false, reason: "same_reviewer" });
    const ctx2 = fastCtx("in_review", { approvals: [rec("pr", PR), rec("legal", LEGAL)] });
    expect(transition(ctx2, { type: "approve_final", actorId: LEGAL, revisionHash: H1 })).toEqual({ ok: false, reason: "same_reviewer" });
    expect(transition(ctx2, { type: "approve_final", actorId: SMM, revisionHash: H1 })).toMatchObject({ ok: true, next: "approved" });
  });

  it("one decision per stage: a second final approval is already_decided", () => {
    const ctx = fastCtx("in_review", { approvals: [rec("final", SMM)] });
    expect(transition(ctx, { type: "approve_final", actorId: "u-smm-2", revisionHash: H1 })).toEqual({ ok: false, reason: "already_decided" });
    expect(transition(ctx, { type: "reject", actorId: "u-smm-2", stage: "final", revisionHash: H1, reason: "x" })).toEqual({
      ok: false,
      reason: "already_decided",
    });
  });

  it("the manager can send it back or reject it during in_review; in the normal lane that is stage_order", () => {
    const back = { type: "request_changes", actorId: SMM, stage: "final", revisionHash: H1, reason: "謝罪の主語を会社に" } as const;
    expect(transition(fastCtx("in_review"), back)).toEqual({
      ok: true,
      next: "changes_requested",
      effects: [{ type: "record_decision", stage: "final", decision: "changes_requested", revisionHash: H1, reviewerId: SMM, reason: "謝罪の主語を会社に" }],
    });
    expect(transition(ctxFor("in_review"), back)).toEqual({ ok: false, reason: "stage_order" });
    expect(transition(fastCtx("in_review", { approvals: [rec("pr", PR)] }), { ...back, type: "reject" })).toMatchObject({ ok: true, next: "cancelled" });
    // Legal's rejection returns the correction to its author (recorded as rejected), in the fast lane too.
    expect(transition(fastCtx("in_review"), { type: "reject", actorId: LEGAL, stage: "legal", revisionHash: H1, reason: "名誉毀損の恐れ" })).toMatchObject({
      ok: true,
      next: "changes_requested",
      effects: [{ type: "record_decision", stage: "legal", decision: "rejected", reason: "名誉毀損の恐れ" }],
    });
  });

  it("the other guards hold: stale revision, blocking checks, slot passed, reason required", () => {
    expect(transition(fastCtx("in_review"), { type: "approve_final", actorId: SMM, revisionHash: "sha256:old" })).toEqual({ ok: false, reason: "stale_revision" });
    expect(transition(fastCtx("in_review", { checksBlocking: true }), { type: "approve_final", actorId: SMM, revisionHash: H1 })).toEqual({
      ok: false,
      reason: "checks_blocking",
    });
    expect(transition(fastCtx("in_review", { now: SLOT }), { type: "approve_legal", actorId: LEGAL, revisionHash: H1 })).toEqual({
      ok: false,
      reason: "slot_passed",
    });
    expect(transition(fastCtx("in_review"), { type: "request_changes", actorId: SMM, stage: "final", revisionHash: H1, reason: " " })).toEqual({
      ok: false,
      reason: "reason_required",
    });
  });

  it("an edit voids the three approvals and starts the lane again", () => {
    const approvals = [rec("pr", PR), rec("final", SMM)];
    expect(transition(fastCtx("in_review", { approvals }), { type: "edit", actorId: AUTHOR, newRevisionHash: H2 })).toEqual({
      ok: true,
      next: "draft",
      effects: [{ type: "void_approvals", revisionHash: H1 }],
    });
  });

  it("openStages: what each queue shows for a post in a state", () => {
    expect(openStages("in_review", { requiresLegal: false, fastLane: true })).toEqual(["pr", "legal", "final"]);
    expect(openStages("in_review", { requiresLegal: true })).toEqual(["pr", "legal"]);
    expect(openStages("in_review", { requiresLegal: false })).toEqual(["pr"]);
    expect(openStages("final_review", { requiresLegal: true, fastLane: true })).toEqual(["final"]);
    for (const s of POST_STATES.filter((x) => x !== "in_review" && x !== "final_review")) {
      expect(openStages(s, { requiresLegal: true, fastLane: true })).toEqual([]);
    }
  });

  it.each([11, 12, 13, 14])("random walk, seed %i: approved only after three distinct non-author approvals; never final_review", (seed) => {
    let a = seed >>> 0;
    const rnd = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const people = [AUTHOR, PR, PR2, LEGAL, SMM];
    let ctx: WorkflowContext = fastCtx("in_review", { approvals: [], slotAt: at(24 * 60 * MIN) });
    let approvedCount = 0;
    for (let step = 0; step < 3000; step++) {
      const stage = pick(APPROVAL_STAGES);
      const actorId = pick(people);
      const r = rnd();
      const event: WorkflowEvent =
        r < 0.8
          ? { type: APPROVER[stage].type, actorId, revisionHash: H1 }
          : { type: r < 0.9 ? "request_changes" : "reject", actorId, stage, revisionHash: H1, reason: "理由" };
      const result = transition(ctx, event);
      if (result.ok) {
        expect(result.next).not.toBe("final_review");
        const approvals = [...ctx.approvals];
        for (const e of result.effects) if (e.type === "record_decision") approvals.push({ stage: e.stage, decision: e.decision, revisionHash: e.revisionHash, reviewerId: e.reviewerId });
        if (result.next === "approved") {
          approvedCount++;
          const status = approvalStatus(approvals, { revisionHash: H1, requiresLegal: true });
          expect(status.fullyApproved).toBe(true);
          const reviewers = Object.values(status.reviewers);
          expect(reviewers).toHaveLength(3);
          expect(new Set(reviewers).size).toBe(3);
          expect(reviewers).not.toContain(AUTHOR);
        }
        if (result.next !== "in_review") {
          ctx = fastCtx("in_review", { approvals: [], slotAt: ctx.slotAt });
          continue;
        }
        ctx = { ...ctx, approvals };
      }
    }
    expect(approvedCount).toBeGreaterThan(0);
  });
});
