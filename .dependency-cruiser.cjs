/* global module */
// The house's boundaries, checked by `npm run lint` (dependency-cruiser over src/; see src/platform/README.md,
// "Boundaries"). Every rule holds with zero exceptions: there is no list of known breaches, and
// src/boundaries.test.ts fails if one comes back (an `--ignore-known` in `npm run lint:deps`, or a baseline file).

// Test code (test files and the test helpers in `test/` folders) may wire whatever it needs: it is exempt from the
// layering rules, not from "the platform imports no module".
const TEST = ['\\.test\\.ts$', '/test/'];

// The database layer: the query builder and the handles, connections, migrations and locks. What may import it:
// repositories (`repository.ts`, `repository/**`, `*-repository.ts`), the database layer itself, and the
// composition root that opens the database and wires it in (src/*.ts, src/cli/).
// Not part of it: the type-only import of the table types (`src/db/schema.ts`): domain types are derived from
// them (issue 19, "one source for table types"), and a type cannot run a query. A service that must hold a handle
// to pass to its repositories (or to open a transaction) takes the handle's type from its repository
// (`export type Db = Kysely<Database>` there), never from `kysely`.
const REPOSITORY = ['(^|/)repository\\.ts$', '/repository/', '-repository\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles, type-only imports included: a circle means two files that cannot be understood apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment:
        'The platform is what every module uses; it never imports a module, the wiring (services.ts, app.ts, main.ts) ' +
        'or the command line (src/cli/). What it needs from them comes in as a parameter. Tests included.',
      from: { path: '^src/platform/' },
      to: {
        path: ['^src/modules/', '^src/services\\.ts$', '^src/app\\.ts$', '^src/main\\.ts$', '^src/cli/'],
      },
    },
    {
      name: 'module-imports-no-wiring',
      severity: 'error',
      comment:
        'A module is handed its dependencies (routes, commands); it does not import the wiring or the command line ' +
        'that builds it (that is how import circles and runtime loops start).',
      from: { path: '^src/modules/', pathNot: TEST },
      to: { path: ['^src/services\\.ts$', '^src/app\\.ts$', '^src/main\\.ts$', '^src/cli/'] },
    },
    {
      name: 'module-door',
      severity: 'error',
      comment: 'A module reaches another module only through its index.ts (its one door).',
      from: { path: '^src/modules/([^/]+)/', pathNot: TEST },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'wiring-through-the-doors',
      severity: 'error',
      comment:
        "Outside the modules, a module is reached through its index.ts; main.ts alone also uses each module's " +
        'cli.ts, the command door (registrations only, each action loaded when it runs: `samen --help` loads ' +
        'no module).',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/main\\.ts$', ...TEST] },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'main-through-the-doors',
      severity: 'error',
      comment: 'main.ts reaches a module through its index.ts or its command door, cli.ts.',
      from: { path: '^src/main\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/(index|cli)\\.ts$' },
    },
    {
      name: 'only-repositories-reach-the-database',
      severity: 'error',
      comment:
        'Queries live in repositories. Only repository files, the database layer itself (src/db/) and the ' +
        'composition root (src/*.ts, src/cli/) import kysely or src/db/ (the type-only import of src/db/schema.ts ' +
        'excepted).',
      from: { path: '^src/(modules|platform)/', pathNot: [...REPOSITORY, ...TEST] },
      to: {
        path: ['^src/db/', '(^|/)node_modules/kysely/'],
        pathNot: '^src/db/schema\\.ts$',
      },
    },
    {
      name: 'schema-types-only',
      severity: 'error',
      comment: 'Outside repositories, src/db/schema.ts is imported for its types only (import type).',
      from: { path: '^src/(modules|platform)/', pathNot: [...REPOSITORY, ...TEST] },
      to: { path: '^src/db/schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/.*\\.(json|sql|md|css|svg)$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
