import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getMyEmailPreferences } from "@/lib/dal/notifications";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmailPreferencesForm } from "../_components/email-preferences-form";
import { link } from "../_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.settings");
  return { title: t("title") };
}

export default async function NotificationSettingsPage() {
  const viewer = await requirePageViewer("notification.read");
  const prefs = await pageData(getMyEmailPreferences(viewer));
  const t = await getTranslations("notifications.settings");
  return (
    <div data-testid="notification-settings" className="max-w-3xl">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        meta={
          <Link href="/notifications" className={link}>
            ← {t("back")}
          </Link>
        }
      />
      <Panel id="email" title={t("emailHeading")} description={viewer.email ? t("emailTo", { email: viewer.email }) : undefined}>
        {!prefs.smtpConfigured && (
          <p role="note" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("smtpOff")}
          </p>
        )}
        {!prefs.hasEmail && (
          <p role="note" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("noEmail")}
          </p>
        )}
        <EmailPreferencesForm prefs={prefs.kinds} disabled={!prefs.hasEmail} />
      </Panel>
    </div>
  );
}
