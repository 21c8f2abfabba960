"use client";

import { useEffect, useId, useRef, useState } from "react";
import clsx from "clsx";

export type MultiSelectOption = { value: string; label: string };

type Props = {
  /** The form field name: every checked value is submitted under it (?name=a&name=b). */
  name: string;
  label: string;
  options: MultiSelectOption[];
  /** The values checked when the page rendered. */
  selected: readonly string[];
  /** What the button says with nothing checked ("すべて", "Active only"). */
  noneText: string;
  /** What it says with several checked, given the first one's label and how many more. */
  manyText: (first: string, more: number) => string;
  /** Visible words of the popover's buttons and its hint (the caller's messages; no strings here). */
  text: { clear: string; apply: string; hint: string };
  /** Called when the popover closes with a changed selection (not on Escape, which reverts). */
  onCommit: () => void;
  testId?: string;
};

/**
 * A labelled button that opens a list of checkboxes (a disclosure, not a listbox: every control in
 * it is a native checkbox or button, so Tab / Shift+Tab / Space work as everywhere). Enter on a
 * checkbox or "Apply" applies; closing by clicking outside or Tab-ing away applies a changed
 * selection; Escape reverts and closes, returning focus to the button. The checkboxes stay in the
 * form while closed, so a plain form submit (or no JavaScript at all) carries them too.
 */
export function MultiSelectPopover({ name, label, options, selected, noneText, manyText, text, onCommit, testId }: Props) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [checked, setChecked] = useState<string[]>(() => options.map((o) => o.value).filter((v) => selected.includes(v)));
  const initial = useRef(checked);
  const changed = () => checked.length !== initial.current.length || checked.some((v) => !initial.current.includes(v));

  const close = (apply: boolean) => {
    setOpen(false);
    if (apply && changed()) onCommit();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) close(true);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  });

  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const summary = checked.length === 0 ? noneText : checked.length === 1 ? labelOf(checked[0]!) : manyText(labelOf(checked[0]!), checked.length - 1);

  return (
    <div
      ref={rootRef}
      className="relative min-w-0"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.preventDefault();
          e.stopPropagation();
          setChecked(initial.current);
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(e) => {
        // Tab-ing out of the open popover applies, like clicking outside.
        if (open && rootRef.current && e.relatedTarget instanceof Node && !rootRef.current.contains(e.relatedTarget)) close(true);
      }}
    >
      <span id={`${id}-label`} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-labelledby={`${id}-label ${id}-summary`}
        onClick={() => (open ? close(true) : setOpen(true))}
        className={clsx(
          "flex w-full min-w-0 items-center justify-between gap-1 rounded-md border bg-white px-3 py-1.5 text-left text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30",
          checked.length ? "border-brand-400 text-slate-900" : "border-slate-300 text-slate-700",
        )}
        data-testid={testId}
      >
        <span id={`${id}-summary`} className="truncate">
          {summary}
        </span>
        <span aria-hidden className="shrink-0 text-slate-400">
          ▾
        </span>
      </button>
      <fieldset id={`${id}-panel`} hidden={!open} className="absolute z-30 mt-1 w-max min-w-full max-w-[20rem] rounded-lg border border-slate-200 bg-white p-2 shadow-lg" data-testid={testId ? `${testId}-panel` : undefined}>
        <legend className="sr-only">{label}</legend>
        <p className="px-1 pb-1 text-xs text-slate-500">{text.hint}</p>
        <div className="max-h-64 overflow-y-auto">
          {options.map((o) => (
            <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm text-slate-800 hover:bg-slate-50">
              <input
                type="checkbox"
                name={name}
                value={o.value}
                checked={checked.includes(o.value)}
                onChange={(e) => setChecked((prev) => (e.target.checked ? [...prev, o.value] : prev.filter((v) => v !== o.value)))}
                onKeyDown={(e) => {
                  // Enter on a checkbox applies (it does nothing there otherwise).
                  if (e.key === "Enter") {
                    e.preventDefault();
                    e.stopPropagation();
                    close(true);
                  }
                }}
                className="h-4 w-4 rounded border-slate-300 text-brand-700 focus:ring-brand-600"
              />
              <span className="min-w-0 break-words">{o.label}</span>
            </label>
          ))}
        </div>
        <div className="mt-1 flex justify-between gap-2 border-t border-slate-100 pt-2">
          <button type="button" className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-40" onClick={() => setChecked([])} disabled={checked.length === 0}>
            {text.clear}
          </button>
          <button type="button" className="rounded bg-brand-700 px-2 py-1 text-xs font-medium text-white hover:bg-brand-800" onClick={() => close(true)}>
            {text.apply}
          </button>
        </div>
      </fieldset>
    </div>
  );
}
