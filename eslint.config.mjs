import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/** Only the data access layer (and seed/test/tooling code) may touch the database. */
const dbImportBoundary = {
  files: ["app/**", "components/**", "lib/**", "worker/**", "proxy.ts", "instrumentation.ts"],
  ignores: ["lib/dal/**", "lib/auth/config.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^@/db(/.*)?$",
            message: "Only lib/dal/ may import the database (DESIGN.md §3). Call a DAL function instead.",
          },
          {
            regex: "^(drizzle-orm|postgres)(/.*)?$",
            message: "Queries belong in lib/dal/.",
          },
        ],
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**"]),
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // server-side code uses the lib/dal viewer; a raw role-name comparison is a smell
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator=/^[!=]==$/] > Literal[value=/^(social_media_manager|community_manager|content_creator|pr|legal|data_analyst|ad_ops|admin)$/]",
          message: "Check a permission with can()/viewer.permissions, never a role name.",
        },
      ],
    },
  },
  dbImportBoundary,
]);
