// ESLint: Next.js's rules (core web vitals + TypeScript) and the layout's boundaries
// (issue 10 items 6 and 7), enforced with no-restricted-imports patterns:
//   - domain code (lib/<domain>) imports neither Next.js, the Inngest client or SDK,
//     the route glue (lib/api: HTTP errors, wrappers), app/, scripts/ nor the local runtime;
//   - nothing in the product (app/, components/, inngest/, lib/) imports the local
//     runtime (lib/local-runtime: executor, embedded database, simulators, demo data,
//     platform starter); only scripts/ and tests/ start it;
//   - the executor imports nothing outside its own folder (it could be its own package).
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const localRuntime = [
  {
    regex: "^@/lib/local-runtime(/|$)",
    message: "The product must not depend on the local runtime (lib/local-runtime); only scripts/ and tests/ start it.",
  },
  {
    regex: "^(\\.\\./)+(lib/)?local-runtime(/|$)",
    message: "The product must not depend on the local runtime (lib/local-runtime); only scripts/ and tests/ start it.",
  },
];

const domainBoundaries = [
  ...localRuntime,
  { regex: "^next(/|$)", message: "Domain code (lib/<domain>) does not import Next.js: routes in app/ and lib/api hand it what it needs." },
  {
    regex: "^inngest(/|$)",
    message: "Domain code does not import the Inngest SDK: Inngest functions in inngest/functions call it inside step.run.",
  },
  { regex: "^(@/|(\\.\\./)+)inngest(/|$)", message: "Domain code does not import inngest/: take an event sender as an argument." },
  {
    regex: "^(@/lib/|(\\.\\./)+(lib/)?)api(/|$)",
    message: "Domain code does not import the route glue or HTTP errors (lib/api): throw a DomainError (lib/errors/domain-error.ts).",
  },
  { regex: "^(@/|(\\.\\./)+)(app|scripts|components)(/|$)", message: "Domain code does not import pages, routes, scripts or UI." },
];

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "lib/db/generated/**", "next-env.d.ts", "coverage/**", "test-results/**"],
  },
  {
    rules: {
      // The code uses `any` at protocol edges (Inngest payloads, vendor JSON) on purpose.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  // The product: app/, components/, inngest/, i18n/, lib/api and the root configs.
  {
    files: ["app/**", "components/**", "inngest/**", "i18n/**", "lib/api/**", "*.ts", "*.mjs", "prisma/**"],
    rules: restrict(localRuntime),
  },
  // Domain folders under lib/ (everything but the route glue and the local runtime).
  { files: ["lib/**"], ignores: ["lib/api/**", "lib/local-runtime/**"], rules: restrict(domainBoundaries) },
  // The executor stands alone: only its own files and npm packages.
  {
    files: ["lib/local-runtime/executor/**"],
    rules: restrict([
      { regex: "^@/", message: "The executor imports nothing outside lib/local-runtime/executor (it could be lifted out as a package)." },
      {
        regex: "^\\.\\./",
        message: "The executor imports nothing outside lib/local-runtime/executor (it could be lifted out as a package).",
      },
    ]),
  },
];

export default config;
