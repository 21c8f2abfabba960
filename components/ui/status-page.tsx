import Link from "next/link";

/** The shared look of 403 / 404 / error pages: no data, a way back. */
export function StatusPage({ code, title, body, homeLabel, children }: { code: string; title: string; body: string; homeLabel: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm" data-testid={`status-${code}`}>
      <p className="mb-2 text-5xl font-bold text-slate-300">{code}</p>
      <h1 className="mb-2 text-xl font-semibold">{title}</h1>
      <p className="mb-6 text-sm text-slate-600">{body}</p>
      {children}
      <Link href="/" className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
        {homeLabel}
      </Link>
    </div>
  );
}
