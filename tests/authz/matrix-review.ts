import type { EntryPoint } from "./matrix";

/** Entry points of the review queues (PR, Legal, final approval). */
export const REVIEW_ENTRY_POINTS: EntryPoint[] = [];
