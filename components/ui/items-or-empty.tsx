import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { ItemList } from "./panel";

/** A panel's list: one row per item (the children render an `<Item>` each), or a sentence when there is none. */
export function ItemsOrEmpty<T>({ items, empty, children }: { items: readonly T[]; empty: ReactNode; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return <ItemList>{items.map((item) => children(item))}</ItemList>;
}
