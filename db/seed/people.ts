/**
 * The demo company's people, as the bundled dev IdP knows them.
 * Shared by the dev IdP (scripts/dev-idp), the seed, the e2e fixtures and the README.
 * Groups are IdP groups; the portal maps them to roles through idp_group_mappings.
 */
export type DemoPerson = {
  /** OIDC `sub` at the dev IdP: stable, never reused. */
  subject: string;
  /** What the person types on the dev IdP's login page. */
  loginId: string;
  password: string;
  name: string;
  nameEn: string;
  email: string;
  groups: readonly string[];
  locale: "ja" | "en";
  zoneinfo: string;
  /** Which workspace this person is expected to land in (null: no role). */
  landing: string | null;
};

export const DEMO_PASSWORD = "demo";

export const DEMO_PEOPLE = [
  { subject: "u-0001", loginId: "manager", password: DEMO_PASSWORD, name: "佐藤 美咲", nameEn: "Misaki Sato", email: "misaki.sato@aoba.example", groups: ["sns-managers"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/manager" },
  { subject: "u-0002", loginId: "community", password: DEMO_PASSWORD, name: "鈴木 健太", nameEn: "Kenta Suzuki", email: "kenta.suzuki@aoba.example", groups: ["sns-community"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/community" },
  { subject: "u-0003", loginId: "creator", password: DEMO_PASSWORD, name: "高橋 由衣", nameEn: "Yui Takahashi", email: "yui.takahashi@aoba.example", groups: ["sns-creators"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/studio" },
  { subject: "u-0004", loginId: "pr", password: DEMO_PASSWORD, name: "田中 誠", nameEn: "Makoto Tanaka", email: "makoto.tanaka@aoba.example", groups: ["corp-pr"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/pr" },
  { subject: "u-0005", loginId: "legal", password: DEMO_PASSWORD, name: "伊藤 玲奈", nameEn: "Rena Ito", email: "rena.ito@aoba.example", groups: ["corp-legal"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/legal" },
  { subject: "u-0006", loginId: "analyst", password: DEMO_PASSWORD, name: "渡辺 翔", nameEn: "Sho Watanabe", email: "sho.watanabe@aoba.example", groups: ["sns-analysts"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/analytics" },
  { subject: "u-0007", loginId: "adops", password: DEMO_PASSWORD, name: "山本 彩", nameEn: "Aya Yamamoto", email: "aya.yamamoto@aoba.example", groups: ["sns-adops"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/ads" },
  { subject: "u-0008", loginId: "admin", password: DEMO_PASSWORD, name: "中村 大輔", nameEn: "Daisuke Nakamura", email: "daisuke.nakamura@aoba.example", groups: ["it-admins"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/admin" },
  { subject: "u-0009", loginId: "multi", password: DEMO_PASSWORD, name: "小林 花子", nameEn: "Hanako Kobayashi", email: "hanako.kobayashi@aoba.example", groups: ["sns-creators", "sns-community"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/community" },
  { subject: "u-0010", loginId: "community2", password: DEMO_PASSWORD, name: "吉田 蓮", nameEn: "Ren Yoshida", email: "ren.yoshida@aoba.example", groups: ["sns-community"], locale: "en", zoneinfo: "Asia/Tokyo", landing: "/community" },
  // A second PR person: corrections and statements are drafted by PR, and nobody approves their own draft.
  { subject: "u-0012", loginId: "pr2", password: DEMO_PASSWORD, name: "松本 陽菜", nameEn: "Hina Matsumoto", email: "hina.matsumoto@aoba.example", groups: ["corp-pr"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: "/pr" },
  { subject: "u-0011", loginId: "newcomer", password: DEMO_PASSWORD, name: "加藤 拓也", nameEn: "Takuya Kato", email: "takuya.kato@aoba.example", groups: ["all-employees"], locale: "ja", zoneinfo: "Asia/Tokyo", landing: null },
] as const satisfies readonly DemoPerson[];

/** IdP group → portal role, as seeded into idp_group_mappings (an admin edits these). */
export const DEMO_GROUP_MAPPINGS = [
  { group: "sns-managers", role: "social_media_manager" },
  { group: "sns-community", role: "community_manager" },
  { group: "sns-creators", role: "content_creator" },
  { group: "corp-pr", role: "pr" },
  { group: "corp-legal", role: "legal" },
  { group: "sns-analysts", role: "data_analyst" },
  { group: "sns-adops", role: "ad_ops" },
  { group: "it-admins", role: "admin" },
] as const;
