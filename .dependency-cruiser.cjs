// The module rules `npm test` enforces (scripts/check-modules.sh). Folders, not names, decide them, so a
// new capability folder under src/ is covered the day it is created:
// - src/platform/ and src/partnership/ are the foundation: they import nothing else under src/.
// - every other folder under src/ is a capability; it uses another capability only through that
//   capability's index.ts (type-only imports too), and never the composition root.
// - no import cycles anywhere.
/** Folders under src/ that are the foundation rather than a capability. */
const FOUNDATION = '^src/(platform|partnership)/'
/** Files at the top of src/: the composition root (app.ts, database.ts, main.ts, config.ts). */
const ROOT = '^src/[^/]+$'

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
      comment:
        'src/platform and src/partnership know no capability and not the root: the root wires capabilities to them.',
      from: { path: FOUNDATION },
      to: { path: '^src/', pathNot: FOUNDATION },
    },
    {
      name: 'capability-imports-others-through-index',
      severity: 'error',
      comment: "A capability uses another only through that capability's index.ts, its public face.",
      from: { path: '^src/([^/]+)/', pathNot: FOUNDATION },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/$1/', FOUNDATION, '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'capability-imports-no-composition-root',
      severity: 'error',
      comment:
        'Only the root wires the service together; a capability importing it would import every other one.',
      from: { path: '^src/[^/]+/' },
      to: { path: ROOT, pathNot: '^src/(database|config)\\.ts$' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
    // Type-only imports count: a capability's types are part of what it exposes.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
