import path from "node:path";
import { DEMO_PEOPLE } from "../../db/seed/people";

export type LoginId = (typeof DEMO_PEOPLE)[number]["loginId"];
export const PERSONAS = DEMO_PEOPLE;
export const storageStatePath = (loginId: string) => path.resolve(".data", "e2e-auth", `${loginId}.json`);
export const person = (loginId: LoginId) => DEMO_PEOPLE.find((p) => p.loginId === loginId)!;
