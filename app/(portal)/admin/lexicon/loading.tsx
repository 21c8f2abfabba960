import { AdminTableSkeleton } from "../_components/skeleton";

export default function Loading() {
  return <AdminTableSkeleton />;
}
