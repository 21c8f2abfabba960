/** Runs once when a server instance starts: refuse to start on bad configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { env } = await import("./lib/env");
    try {
      env();
    } catch (e) {
      console.error(String((e as Error).message));
      process.exit(1);
    }
  }
}
