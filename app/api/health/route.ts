// GET /api/health – liveness and database reachability for load balancers and the demo launcher
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { checkHealth } from "@/lib/dal/health";
import pkg from "@/package.json" with { type: "json" };

export const dynamic = "force-dynamic";

export const GET = withRoute({
  permission: "public",
  handler: async () => {
    const h = await checkHealth();
    const status = h.database === "ok" ? "ok" : "degraded";
    return NextResponse.json(
      { status, version: process.env.APP_VERSION ?? pkg.version, database: h.database, databaseLatencyMs: h.latencyMs, worker: h.worker, time: new Date().toISOString() },
      { status: h.database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
    );
  },
});
