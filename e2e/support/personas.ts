import path from "node:path";
import { DEMO_PEOPLE } from "../../db/seed/people";

export type LoginId = (typeof DEMO_PEOPLE)[number]["loginId"];
export const PERSONAS = DEMO_PEOPLE;
const port = new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").port;
export const storageStatePath = (loginId: string) => path.resolve(".data", `e2e-auth-${port}`, `${loginId}.json`);
export const person = (loginId: LoginId) => DEMO_PEOPLE.find((p) => p.loginId === loginId)!;
