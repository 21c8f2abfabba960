import { AdminTableSkeleton } from "../../../admin/_components/skeleton";

export default function Loading() {
  return <AdminTableSkeleton />;
}
