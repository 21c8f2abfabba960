import { describe, expect, it } from "vitest";
import {
  createGroupMappingSchema,
  deactivateUserSchema,
  deleteGroupMappingSchema,
  firstValues,
  grantRoleSchema,
  revokeRoleSchema,
  usersQuerySchema,
} from "@/app/(portal)/admin/schemas";
import { safeTimeZone } from "@/lib/dal/admin-csv";

describe("admin action schemas", () => {
  it("accept good input", () => {
    expect(grantRoleSchema.parse({ userId: " u1 ", role: "pr" })).toEqual({ userId: "u1", role: "pr" });
    expect(revokeRoleSchema.parse({ userId: "u1", role: "admin" })).toEqual({ userId: "u1", role: "admin" });
    expect(createGroupMappingSchema.parse({ groupName: "  it-admins ", role: "admin" })).toEqual({ groupName: "it-admins", role: "admin" });
    expect(deleteGroupMappingSchema.parse({ id: "m1" })).toEqual({ id: "m1" });
  });

  it.each([
    [grantRoleSchema, { userId: "u1", role: "root" }],
    [grantRoleSchema, { userId: "", role: "pr" }],
    [grantRoleSchema, { userId: "u".repeat(201), role: "pr" }],
    [grantRoleSchema, { userId: ["a", "b"], role: "pr" }],
    [revokeRoleSchema, { role: "pr" }],
    [deactivateUserSchema, { userId: { $ne: null } }],
    [createGroupMappingSchema, { groupName: "   ", role: "pr" }],
    [createGroupMappingSchema, { groupName: "g".repeat(201), role: "pr" }],
    [createGroupMappingSchema, { groupName: "g" }],
    [deleteGroupMappingSchema, {}],
  ])("refuse %#", (schema, input) => {
    expect(schema.safeParse(input).success).toBe(false);
  });
});

describe("usersQuerySchema", () => {
  it("falls back to defaults for anything malformed instead of failing the page", () => {
    expect(usersQuerySchema.parse({ q: " 佐藤 ", role: "legal", status: "active", page: "2" })).toEqual({ q: "佐藤", role: "legal", status: "active", page: 2 });
    expect(usersQuerySchema.parse({ q: "x".repeat(300), role: "god", status: "zombie", page: "-4" })).toEqual({});
    expect(usersQuerySchema.parse({ q: "a\u0000b", role: "none" })).toEqual({ role: "none" });
  });

  it("firstValues keeps the first of repeated keys", () => {
    expect(firstValues({ a: ["1", "2"], b: "x", c: undefined })).toEqual({ a: "1", b: "x" });
  });
});

describe("safeTimeZone", () => {
  it("keeps a known zone and replaces an unknown one with Asia/Tokyo", () => {
    expect(safeTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(safeTimeZone("Mars/Olympus")).toBe("Asia/Tokyo");
    expect(safeTimeZone("")).toBe("Asia/Tokyo");
    expect(safeTimeZone(null)).toBe("Asia/Tokyo");
  });
});
