// The module rules that `npm test` enforces (scripts/check-modules.sh; docs in README.md, "Modules").
// Folders, not names, decide them, so a new capability folder under src/ is covered the day it exists:
// - the foundation (src/platform/, src/partnership/ and src/config.ts: the platform and the two
//   configurations) imports nothing else under src/;
// - every other folder under src/ is a capability: it uses another capability only through that
//   capability's index.ts (type-only imports too: a type is part of what a module exposes), and of
//   the composition root only src/database.ts (the DB type);
// - no import cycles anywhere.
// Tests (*.test.ts) may set up and look at what they need, so the two layering rules skip them;
// nothing imports a test, so a test adds no dependency to the service.

const FOUNDATION = '^src/(platform/|partnership/|config\\.ts$)'
const TEST = '\\.test\\.ts$'

const capabilityFolder = '^src/(?!platform/|partnership/)([^/]+)/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules into one; break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'foundation-imports-no-capability',
      severity: 'error',
      comment: 'The platform and the configurations know no capability and not the root, which wires them.',
      from: { path: FOUNDATION, pathNot: TEST },
      to: { path: '^src/', pathNot: FOUNDATION },
    },
    {
      name: 'capability-imports-others-through-index',
      severity: 'error',
      comment: "A capability uses another only through that capability's index.ts, its public face.",
      from: { path: capabilityFolder, pathNot: TEST },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', FOUNDATION, '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'capability-imports-no-composition-root',
      severity: 'error',
      comment: 'Only the root wires the service together; a capability may import its DB type, nothing else.',
      from: { path: capabilityFolder, pathNot: TEST },
      to: { path: '^src/[^/]+$', pathNot: ['^src/database\\.ts$', FOUNDATION] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
}
