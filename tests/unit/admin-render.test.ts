/**
 * Smoke render of the admin area's client components (server-side HTML, both languages): no
 * missing messages, the person's name in the confirmations, labelled controls.
 */
import { describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { ROLES } from "@/lib/auth/permissions";
import { UserRoleEditor } from "@/app/(portal)/admin/_components/user-role-editor";
import { UserStatusButton } from "@/app/(portal)/admin/_components/user-status-button";
import { MappingForm } from "@/app/(portal)/admin/_components/mapping-form";
import { DeleteMappingButton } from "@/app/(portal)/admin/_components/delete-mapping-button";
import { VerifyChainPanel } from "@/app/(portal)/admin/_components/verify-chain-panel";

// Rendering never calls a server action; the real module pulls in next-auth, which needs Next's
// runtime. The actions themselves are exercised through the DAL tests (tests/db/admin*.test.ts).
vi.mock("@/app/(portal)/admin/actions", () => {
  const never = async () => {
    throw new Error("not called during render");
  };
  return {
    grantRoleAction: never,
    revokeRoleAction: never,
    deactivateUserAction: never,
    reactivateUserAction: never,
    createGroupMappingAction: never,
    deleteGroupMappingAction: never,
    verifyAuditChainAction: never,
  };
});

const root = path.resolve(import.meta.dirname, "../..");
const messages = (locale: string) =>
  Object.fromEntries(["admin", "common"].map((ns) => [ns, JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${ns}.json`), "utf8"))]));

function render(locale: "ja" | "en", el: ReactElement): string {
  const errors: unknown[] = [];
  const html = renderToStaticMarkup(h(NextIntlClientProvider, {
      locale,
      messages: messages(locale),
      timeZone: "Asia/Tokyo",
      onError: (e: unknown) => {
        errors.push(e);
      },
      children: el,
    }));
  expect(errors).toEqual([]);
  return html;
}

describe.each(["ja", "en"] as const)("admin client components (%s)", (locale) => {
  it("UserRoleEditor: chips with labelled remove buttons and an add-role select without held roles", () => {
    const html = render(
      locale,
      h(UserRoleEditor, {
        userId: "u1",
        userName: "佐藤 美咲",
        roles: [
          { role: "pr", source: "idp", hint: "from IdP" },
          { role: "legal", source: "manual", hint: "by hand" },
        ],
        allRoles: ROLES,
        canManage: true,
      }),
    );
    expect(html).toContain('data-testid="role-chip-pr"');
    expect(html).toMatch(/aria-label="[^"]*佐藤 美咲[^"]*"/);
    expect(html).not.toContain('<option value="pr">');
    expect(html).toContain('<option value="admin">');
  });

  it("UserRoleEditor read-only: no buttons, no form", () => {
    const html = render(locale, h(UserRoleEditor, { userId: "u1", userName: "x", roles: [{ role: "pr", source: "idp", hint: "" }], allRoles: ROLES, canManage: false }));
    expect(html).not.toContain("<button");
    expect(html).not.toContain("<form");
  });

  it("UserStatusButton: the confirmation names the person; self gets no button", () => {
    const html = render(locale, h(UserStatusButton, { userId: "u1", userName: "鈴木 健太", email: "kenta@aoba.example", isDeactivated: false, isSelf: false }));
    expect(html).toContain("<dialog");
    expect(html.match(/鈴木 健太/g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain("kenta@aoba.example");
    const self = render(locale, h(UserStatusButton, { userId: "u1", userName: "me", email: null, isDeactivated: false, isSelf: true }));
    expect(self).not.toContain("<button");
    const back = render(locale, h(UserStatusButton, { userId: "u1", userName: "鈴木 健太", email: null, isDeactivated: true, isSelf: false }));
    expect(back).toContain('data-testid="reactivate"');
  });

  it("MappingForm: labelled inputs", () => {
    const html = render(locale, h(MappingForm, { roles: ROLES }));
    expect(html).toMatch(/<label for="[^"]+"/);
    expect(html).toContain('name="groupName"');
    expect(html).toContain('maxLength="200"');
  });

  it("DeleteMappingButton: warns for the admin role only", () => {
    const admin = render(locale, h(DeleteMappingButton, { id: "m1", groupName: "it-admins", role: "admin" }));
    const pr = render(locale, h(DeleteMappingButton, { id: "m2", groupName: "corp-pr", role: "pr" }));
    expect(admin).toContain('role="note"');
    expect(pr).not.toContain('role="note"');
    expect(admin).toContain("it-admins");
  });

  it("VerifyChainPanel renders its button", () => {
    expect(render(locale, h(VerifyChainPanel, { timeZone: "Asia/Tokyo" }))).toContain('data-testid="verify-chain-button"');
  });
});
