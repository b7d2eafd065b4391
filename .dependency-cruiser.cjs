/**
 * Kabar's layering rules (docs/DESIGN.md §3.1), checked by `npm run lint`:
 *   depcruise --config .dependency-cruiser.cjs src web/src test bench
 * Every rule is an error. Type-only imports count (tsPreCompilationDeps), so a rule is
 * about what a file knows, not only about what it loads at run time.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment:
        "Rule 5: no import cycles anywhere, type-only imports included. Shared types live in a file " +
        "of their own (e.g. src/http/types.ts) that both sides import.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "routes-not-db",
      comment:
        "Rule 1: HTTP (src/http/**) and a module's routes.ts parse, call the module's service and shape " +
        "the reply; they never import the database layer (src/db/**). Queries, schema constants and " +
        "secrets are loaded by the service.",
      severity: "error",
      from: { path: ["^src/http/", "^src/modules/[^/]+/routes\\.ts$"], pathNot: "^src/http/errors\\.ts$" },
      to: { path: "^src/db/" },
    },
    {
      name: "http-errors-only-db-availability",
      comment:
        "Rule 1's one exception: the error mapping (src/http/errors.ts) asks src/db/availability.ts, a " +
        "pure error classifier, whether an error means the database is away (answered 503); nothing " +
        "else of src/db/.",
      severity: "error",
      from: { path: "^src/http/errors\\.ts$" },
      to: { path: "^src/db/", pathNot: "^src/db/availability\\.ts$" },
    },
    {
      name: "infrastructure-not-modules",
      comment:
        "Rule 2: channels/, lib/, db/ and jobs/ are below the domain and never import src/modules/**. " +
        "What they need from a module (a campaign dispatcher, an inbound-message hook) is handed to " +
        "them by the composition root (src/kabar.ts, src/services.ts) as an interface or a factory.",
      severity: "error",
      from: { path: "^src/(channels|lib|db|jobs)/" },
      to: { path: "^src/modules/" },
    },
    {
      name: "below-http-not-http",
      comment:
        "Rule 4: nothing below http/ imports src/http/**: channels/, lib/, db/ and jobs/ know no HTTP. " +
        "(Of a module, only its route files know Fastify; that part is not checked here.)",
      severity: "error",
      from: { path: "^src/(channels|lib|db|jobs)/" },
      to: { path: "^src/http/" },
    },
    {
      name: "realtime-beside-http",
      comment:
        "Rule 4: realtime/ (Socket.IO) is an adapter beside http/, not above or below it: neither " +
        "imports the other. What both need (the session cookie, the actor) lives in lib/ or a module.",
      severity: "error",
      from: { path: "^src/realtime/" },
      to: { path: "^src/http/" },
    },
    {
      name: "http-not-realtime",
      comment:
        "Rule 4: http/ never imports realtime/ (see realtime-beside-http); the composition root joins them.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^src/realtime/" },
    },
    {
      name: "statements-in-queries",
      comment:
        "One owner per table (docs/DESIGN.md §3.4): inside a module, only its queries (queries.ts or " +
        "queries/, and the sandbox's store pg-store.ts) build SQL or know the tables; services keep the " +
        "rules. schemas.ts may read the enum lists of src/db/schema to build the API's zod schemas.",
      severity: "error",
      from: {
        path: "^src/modules/",
        pathNot: [
          "^src/modules/[^/]+/queries(\\.ts$|/)",
          "^src/modules/sandbox/pg-store\\.ts$",
          "^src/modules/[^/]+/schemas\\.ts$",
          "\\.test\\.ts$",
        ],
      },
      to: { path: ["^src/db/schema/", "(^|/)node_modules/drizzle-orm/"] },
    },
    {
      name: "schemas-only-db-enums",
      comment: "A module's schemas.ts reads only the enum lists of src/db/schema, never drizzle-orm.",
      severity: "error",
      from: { path: "^src/modules/[^/]+/schemas\\.ts$" },
      to: { path: "(^|/)node_modules/drizzle-orm/" },
    },
    {
      name: "module-public-surface",
      comment:
        "Rule 3: a module reaches another module only through that module's declared public surface, " +
        "src/modules/<name>/index.ts (named re-exports), never its services, queries or helpers.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: {
        path: "^src/modules/[^/]+/",
        pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "outside-uses-public-surface",
      comment:
        "Rule 3: code outside src/modules (composition root, CLI, realtime, http) reaches a module only " +
        "through src/modules/<name>/index.ts. Exception: src/http/routes.ts registers each module's " +
        "routes.ts. test/ and bench/ are unrestricted.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/modules/", "^src/http/routes\\.ts$"] },
      to: {
        path: "^src/modules/[^/]+/",
        pathNot: "^src/modules/[^/]+/index\\.ts$",
      },
    },
    {
      name: "routes-registrar-only-routes",
      comment: "Rule 3 (exception's limit): src/http/routes.ts reaches into a module only for its routes.ts.",
      severity: "error",
      from: { path: "^src/http/routes\\.ts$" },
      to: {
        path: "^src/modules/[^/]+/",
        pathNot: "^src/modules/[^/]+/(routes|index)\\.ts$",
      },
    },
    {
      name: "web-not-server",
      comment: "The web app (web/src) talks to the server over HTTP only: it never imports src/.",
      severity: "error",
      from: { path: "^web/src/" },
      to: { path: "^src/" },
    },
    {
      name: "server-not-web",
      comment: "The server (src/) never imports the web app's code (web/src).",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^web/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing file.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
