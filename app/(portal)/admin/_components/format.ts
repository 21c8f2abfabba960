/** Date-time display used across the admin pages (always with the viewer's time zone). */
export function dateTimeOptions(timeZone: string) {
  return { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" } as const;
}

export function dateOptions(timeZone: string) {
  return { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" } as const;
}
