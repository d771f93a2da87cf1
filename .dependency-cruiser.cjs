/**
 * The layers and the directions imports may take (README, "How it is built").
 * `npm test` runs `npm run deps`; a forbidden import fails the build.
 *
 *   functions/          → use cases and named queries (shared/domain), their composition roots
 *                         (shared/composition), contracts, http, pages; never an adapter
 *   shared/composition  → wires adapters into use cases, one module per feature
 *   shared/domain       → itself and shared/platform only (no AWS SDK, no zod contracts, no HTTP, no rendering)
 *   shared/adapters     → domain (ports and types), platform, config, email rendering
 *   shared/contracts, http, email, pages → domain and platform; never adapters or composition
 *   infra/              → anything; nothing imports infra/ except scripts, bench and tests
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-the-core',
      comment: 'The domain imports only itself, shared/platform, shared/errors and Node built-ins or small pure libraries.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: {
        path: '^(shared/(adapters|composition|contracts|http|email|pages)|functions|infra|scripts|bench|test)/|^shared/config\\.ts$',
      },
    },
    {
      name: 'domain-has-no-aws-sdk',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: '@aws-sdk|@aws-lambda-powertools|electrodb|@middy|zod', dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'platform-is-a-leaf',
      comment: 'shared/platform holds clocks, ids, logging: it imports nothing of the product.',
      severity: 'error',
      from: { path: '^shared/platform/' },
      to: { path: '^(shared/(domain|adapters|contracts|http|email|pages)|functions|infra)/' },
    },
    {
      name: 'adapters-implement-ports',
      comment: 'Adapters depend on the domain (its ports), never on the HTTP layer, contracts, handlers or infra.',
      severity: 'error',
      from: { path: '^shared/adapters/' },
      to: { path: '^(shared/(http|contracts|pages|composition)|functions|infra)/' },
    },
    {
      name: 'contracts-are-outer',
      comment: 'Contracts map requests onto domain inputs; they know nothing of adapters or handlers.',
      severity: 'error',
      from: { path: '^shared/(contracts|http|email|pages)/' },
      to: { path: '^(shared/(adapters|composition)|functions|infra)/' },
    },
    {
      name: 'handlers-call-use-cases',
      comment: 'A handler calls a use case or a named query through its feature’s composition root, never a repository directly.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^shared/adapters/' },
    },
    {
      name: 'nothing-imports-infra',
      comment: 'Only scripts, the bench and tests may import infra/ (the CDK app and the local stack).',
      severity: 'error',
      from: { path: '^(shared|functions)/' },
      to: { path: '^infra/' },
    },
    {
      name: 'scripts-do-not-import-tests',
      comment: 'Scripts (npm run seed, migrate) run without the test helpers; what both need lives in shared/ (e.g. the member bulk writer).',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(shared|functions)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      // `aws-lambda` is a types-only package (@types/aws-lambda): imported for types, never at run time.
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: false,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main'],
    },
    exclude: { path: '^(node_modules|cdk\\.out)/' },
  },
};
