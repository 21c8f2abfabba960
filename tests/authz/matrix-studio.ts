import type { EntryPoint } from "./matrix";

/** Entry points of the drafting studio (content creators). */
export const STUDIO_ENTRY_POINTS: EntryPoint[] = [];
