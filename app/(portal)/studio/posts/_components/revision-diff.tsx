import { getTranslations } from "next-intl/server";
import type { RevisionDiffDto } from "@/lib/dal/posts";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";

const OP_STYLE = { equal: "text-slate-700", add: "bg-emerald-50 text-emerald-900", del: "bg-red-50 text-red-900 line-through decoration-red-300" } as const;
const OP_MARK = { equal: " ", add: "+", del: "−" } as const;

/** An inline line diff per channel between two revisions (added lines green, removed lines red and struck through). */
export async function RevisionDiff({ diff, channels }: { diff: RevisionDiffDto; channels: { id: string; displayName: string }[] }) {
  const t = await getTranslations("studio.history");
  const tc = await getTranslations("common");
  return (
    <Panel id="diff" title={t("diffTitle", { from: diff.from.number, to: diff.to.number })}>
      {diff.isCommercialChanged && <p className="mb-3 text-sm font-medium text-amber-800">{t("commercialChanged")}</p>}
      <div className="space-y-4" data-testid="revision-diff">
        {diff.variants.map((v) => (
          <section key={v.channelId} aria-label={tc(`platforms.${v.platform}`)}>
            <h3 className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-800">
              {tc(`platforms.${v.platform}`)}
              <span className="font-normal text-slate-500">{channels.find((c) => c.id === v.channelId)?.displayName}</span>
              <Badge tone={v.status === "unchanged" ? "muted" : "info"}>{t(`status.${v.status}`)}</Badge>
            </h3>
            <pre className="overflow-x-auto whitespace-pre-wrap rounded-md border border-slate-200 font-sans text-sm">
              {v.lines.map((l, i) => (
                <div key={i} className={`px-2 ${OP_STYLE[l.op]}`} data-op={l.op}>
                  <span aria-hidden className="mr-2 select-none font-mono text-slate-400">
                    {OP_MARK[l.op]}
                  </span>
                  {l.op !== "equal" && <span className="sr-only">{l.op === "add" ? t("added") : t("removed")}: </span>}
                  {l.text || " "}
                </div>
              ))}
            </pre>
          </section>
        ))}
      </div>
    </Panel>
  );
}
