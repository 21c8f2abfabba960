import { getTranslations, getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/current";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInAction, setGuestLocaleAction } from "./actions";

export const metadata = { title: "Sign in" };

const ERROR_KEYS: Record<string, string> = {
  Deactivated: "errorDeactivated",
  AccessDenied: "errorAccessDenied",
  OAuthAccountNotLinked: "errorOAuthAccountNotLinked",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeRedirectPath(typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined, "/");
  const viewer = await getViewer();
  // A signed-in person never starts a second SSO flow from here (it could bind another identity).
  if (viewer) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const error = typeof sp.error === "string" ? sp.error : null;
  const errorKey = error ? (ERROR_KEYS[error] ?? "errorDefault") : null;

  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-3">
          <div aria-hidden className="flex h-10 w-10 items-center justify-center rounded-lg bg-brand-700 text-lg font-bold text-white">
            あ
          </div>
          <div>
            <p className="text-sm text-slate-500">{tc("company")}</p>
            <h1 className="text-xl font-semibold">{tc("appName")}</h1>
          </div>
        </div>
        <h2 className="mb-1 text-lg font-semibold">{t("signInTitle")}</h2>
        <p className="mb-6 text-sm text-slate-600">{t("signInLead")}</p>
        {errorKey && (
          <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(errorKey)}
          </p>
        )}
        {sp.signedOut === "1" && !errorKey && (
          <p role="status" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            {t("signedOut")}
          </p>
        )}
        <form action={signInAction as unknown as (fd: FormData) => Promise<void>}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className="flex w-full flex-col items-center rounded-lg bg-brand-700 px-4 py-3 font-medium text-white hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
          >
            <span>{t("signInButton")}</span>
            <span className="text-xs font-normal text-brand-100">{t("signInButtonSub")}</span>
          </button>
        </form>
        <form action={setGuestLocaleAction as unknown as (fd: FormData) => Promise<void>} className="mt-6 flex items-center justify-center gap-2 text-sm">
          <span className="text-slate-500">{tc("language")}:</span>
          <button name="locale" value="ja" aria-pressed={locale === "ja"} className="rounded px-2 py-1 aria-pressed:bg-slate-200 aria-pressed:font-semibold">
            日本語
          </button>
          <button name="locale" value="en" aria-pressed={locale === "en"} className="rounded px-2 py-1 aria-pressed:bg-slate-200 aria-pressed:font-semibold">
            English
          </button>
        </form>
      </div>
    </main>
  );
}
