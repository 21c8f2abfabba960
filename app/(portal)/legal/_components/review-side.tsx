import { getTranslations } from "next-intl/server";
import type { LegalReviewDetail } from "@/lib/dal/legal-queue";
import type { Viewer } from "@/lib/dal/viewer";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { pageFormat } from "@/components/ui/page-format";
import { assignLegalReviewAction, decideLegalReviewAction, saveLegalReviewAction, setConditionMetAction } from "../actions";
import { AssignForm } from "./assign-form";
import { ConditionsPanel } from "./conditions-panel";
import { LegalDecisionForm } from "./decision-form";
import { ReviewEditor } from "./review-editor";
import { StateBadge } from "./badges";

/** The right-hand column of every review screen: assignee, carried conditions, checklist and findings, decision. */
export async function ReviewSide({ viewer, review, staff }: { viewer: Viewer; review: LegalReviewDetail; staff: { id: string; name: string }[] }) {
  const t = await getTranslations("legalQueue");
  const { when } = await pageFormat(viewer, new Date());
  const readOnly = !review.canDecide;
  const unmet = review.conditionItems.filter((c) => !c.met).length;
  const disclosure = review.automatic.disclosure;
  const automatic: Record<string, string> = {};
  if (disclosure.length)
    automatic.disclosure = disclosure
      .map((d) => (d.status === "pass" ? t("automatic.disclosurePass") : d.status === "fail" ? t("automatic.disclosureFail", { reason: t(`automatic.disclosureReasons.${d.reason}`) }) : ""))
      .filter(Boolean)
      .join(" / ");
  const metLabels = Object.fromEntries(review.conditionItems.filter((c) => c.metAt).map((c) => [c.id, t("conditions.metBy", { time: when(new Date(c.metAt!)) })]));
  const decided = !["open", "in_progress"].includes(review.state);
  const conditionsOnCurrent = review.state === "approved_with_conditions" ? review.conditionItems.filter((c) => !c.met) : [];

  return (
    <div className="space-y-4" data-testid="legal-review-side" data-review-id={review.id} data-state={review.state}>
      {!viewer.permissions.has("legal_review.decide") && (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="legal-read-only">
          {t("readOnly")}
        </p>
      )}
      {viewer.permissions.has("legal_review.decide") && !decided && (
        <Panel id="legal-assign" title={t("assign.title")}>
          <AssignForm reviewId={review.id} assigneeId={review.assigneeId} viewerId={viewer.id} staff={staff} action={assignLegalReviewAction} />
        </Panel>
      )}
      {review.conditionItems.length > 0 && !decided && review.subjectHash && (
        <Panel id="legal-conditions" title={t("conditions.title")} count={review.conditionItems.length}>
          <ConditionsPanel
            reviewId={review.id}
            subjectHash={review.subjectHash}
            conditions={review.conditionItems}
            readOnly={readOnly}
            metLabels={metLabels}
            action={setConditionMetAction}
          />
        </Panel>
      )}
      <Panel id="legal-checklist" title={t("checklist.title")} description={t("checklist.description")}>
        <ReviewEditor
          reviewId={review.id}
          version={review.version}
          risk={review.risk}
          checklist={review.checklist}
          findings={review.findings}
          automatic={automatic}
          locale={viewer.locale}
          readOnly={readOnly}
          action={saveLegalReviewAction}
        />
      </Panel>
      <Panel id="legal-decision" title={t("decision.title")} description={review.subjectHash ? t("decision.description", { hash: review.subjectHash.slice(0, 12) }) : undefined}>
        {decided ? (
          <div className="space-y-2 text-sm" data-testid="legal-decided" data-state={review.state}>
            <p>
              <StateBadge state={review.state} label={t(`states.${review.state}`)} />
            </p>
            {review.decidedAt && <p className="text-xs text-slate-600">{t("decision.decidedBy", { name: review.decidedByName ?? "—", time: when(review.decidedAt) })}</p>}
            {review.decisionHash && <p className="font-mono text-xs text-slate-500">{t("decision.boundHash", { hash: review.decisionHash.slice(0, 12) })}</p>}
            {review.decisionReason && <p className="whitespace-pre-wrap text-slate-800">{review.decisionReason}</p>}
            {conditionsOnCurrent.length > 0 && (
              <div>
                <p className="text-xs font-medium text-slate-600">{t("decision.conditionsSet")}</p>
                <ul className="ml-4 list-disc text-slate-800">
                  {conditionsOnCurrent.map((c) => (
                    <li key={c.id}>{c.text}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        ) : readOnly || !review.subjectHash ? (
          <p className="text-sm text-slate-600">
            <Badge tone="muted">{t(`states.${review.state}`)}</Badge>
          </p>
        ) : (
          <LegalDecisionForm reviewId={review.id} subjectHash={review.subjectHash} unmetConditions={unmet} returnsToAuthor={review.kind !== "takedown"} action={decideLegalReviewAction} />
        )}
      </Panel>
    </div>
  );
}
