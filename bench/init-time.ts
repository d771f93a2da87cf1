/**
 * Init time (the module-load part of a Lambda cold start) of every deployed
 * bundle, against a bundle that only creates the SDK clients the function
 * uses. Each figure is the median of fresh `node` processes that import the
 * bundle once, in a Lambda-like environment (tracing on, as deployed).
 *
 *   npx tsx bench/init-time.ts [--runs 21] [--json out.json]
 *       this checkout only (no local services); `npm run bench` includes it
 *   npx tsx bench/init-time.ts --before /path/to/other/checkout
 *       before/after: the other checkout's bundles and this one's, measured
 *       interleaved in the same processes' rhythm, so both see the same load
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FunctionDeclaration } from '../infra/manifest-types.js';
import { projectRoot } from '../infra/project-root.js';
import { powertoolsEnvironment } from '../infra/constructs/project-function.js';

const run = promisify(execFile);

export const sdkBaselines = {
  dynamodb: { entry: 'bench/baselines/sdk-dynamodb.ts', label: 'SDK only: DynamoDB' },
  'dynamodb+ses': { entry: 'bench/baselines/sdk-dynamodb-ses.ts', label: 'SDK only: DynamoDB + SES' },
} as const;
export type Baseline = keyof typeof sdkBaselines;

/** The SDK-only bundle a function is compared with: the clients it creates (a function without a table still loads a client's worth of runtime). */
export const baselineOf = (fn: FunctionDeclaration): Baseline => (fn.sendsMail ? 'dynamodb+ses' : 'dynamodb');

export interface InitTime {
  name: string;
  kb: number;
  /** Median CPU time of the import (user + system). */
  cpuMs: number;
  /** Median wall time of the import. */
  wallMs: number;
  baseline?: Baseline;
}

export interface InitTimes {
  functions: InitTime[];
  baselines: Record<Baseline, InitTime>;
}

/** What Lambda sets (and the stack adds) that changes what a module does at load: with AWS_EXECUTION_ENV set, Tracer is on. */
function lambdaEnvironment(name: string, taskRoot: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    LAMBDA_TASK_ROOT: taskRoot,
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME: 'glokal-bench',
    LINK_SIGNING_KEY_PARAMETER: '/bench/link-signing-key',
    MAIL_FROM: 'Klaster GLOKAL <biuro@glokal.localhost>',
    PUBLIC_BASE_URL: 'https://api.glokal.example',
    ADMIN_EMAILS: 'admin@glokal.example',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
    ...powertoolsEnvironment,
  };
}

// CPU time is the figure to compare: module loading is CPU-bound, and on a shared machine wall time mostly measures the neighbours.
const probe = [
  'const cpu = process.cpuUsage(); const started = performance.now();',
  'await import(process.argv[1]);',
  'const used = process.cpuUsage(cpu);',
  'process.stdout.write(JSON.stringify({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));',
].join(' ');

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function importOnce(file: string, env: Record<string, string>): Promise<Sample> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(file).href], { env });
  return JSON.parse(stdout) as Sample;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface Target {
  set: number;
  name: string;
  kb: number;
  baseline?: Baseline;
  file: string;
  samples: Sample[];
}

/** The bundles of one checkout, built by that checkout's own bundler and manifest; the SDK-only baselines come from this checkout. */
async function bundleCheckout(root: string, set: number, dir: string, only?: readonly string[]): Promise<Target[]> {
  type Bundling = typeof import('../infra/bundling.js');
  const bundlingOf = async (checkout: string) => (await import(pathToFileURL(join(checkout, 'infra/bundling.ts')).href)) as Partial<Bundling> & Pick<Bundling, 'bundleFunction'>;
  /** Every entry in one esbuild run where the checkout has `bundleFunctions` (older checkouts: one run per entry). */
  const bundleAll = async (bundling: Awaited<ReturnType<typeof bundlingOf>>, entries: string[]) =>
    bundling.bundleFunctions ? bundling.bundleFunctions(entries) : new Map(await Promise.all(entries.map(async (entry) => [entry, await bundling.bundleFunction(entry)] as const)));
  const { manifest } = (await import(pathToFileURL(join(root, 'infra/manifest.ts')).href)) as { manifest: readonly FunctionDeclaration[] };
  const targets: Target[] = [];
  const add = (name: string, bundle: Uint8Array, baseline?: Baseline) => {
    const file = join(dir, `${set}-${name}.mjs`);
    writeFileSync(file, bundle);
    targets.push({ set, name, kb: bundle.length / 1024, baseline, file, samples: [] });
  };
  if (set === 0) {
    const baselines = Object.entries(sdkBaselines);
    const bundles = await bundleAll(await bundlingOf(projectRoot), baselines.map(([, { entry }]) => entry));
    for (const [name, { entry }] of baselines) add(name, bundles.get(entry)!);
  }
  // `only` narrows to some functions (the bench's smoke test); the baselines are always measured.
  const functions = manifest.filter((candidate) => !only || only.includes(candidate.name));
  const bundles = await bundleAll(await bundlingOf(root), functions.map((fn) => fn.entry));
  for (const fn of functions) add(fn.name, bundles.get(fn.entry)!, baselineOf(fn));
  return targets;
}

/**
 * Bundles every function of each checkout (and the SDK-only baselines), then
 * imports each in a fresh process `runs` times, round-robin, so that a noisy
 * moment on a shared machine is spread over all bundles instead of landing
 * on one. Returns one result per checkout, in the order given.
 */
export async function measureInitTimes(roots: readonly string[] = [projectRoot], options: { runs?: number; only?: readonly string[]; parallel?: number } = {}): Promise<InitTimes[]> {
  const runs = options.runs ?? 21;
  const dir = mkdtempSync(join(tmpdir(), 'init-time-'));
  const taskRoot = join(dir, 'task');
  mkdirSync(taskRoot);
  const targets: Target[] = [];
  for (const [set, root] of roots.entries()) targets.push(...(await bundleCheckout(root, set, dir, options.only)));

  // Two fresh processes at a time on a 2-core machine: the figure is each process's own CPU time, which a neighbour barely moves.
  const parallel = options.parallel ?? 1;
  for (let round = 0; round < runs; round += 1) {
    for (let start = 0; start < targets.length; start += parallel) {
      await Promise.all(targets.slice(start, start + parallel).map(async (target) => target.samples.push(await importOnce(target.file, lambdaEnvironment(target.name, taskRoot)))));
    }
  }
  const measured = targets.map(({ set, samples, name, kb, baseline }) => ({
    set,
    time: { name, kb, baseline, cpuMs: median(samples.map((s) => s.cpuMs)), wallMs: median(samples.map((s) => s.wallMs)) } as InitTime,
  }));
  const baselines = Object.fromEntries(measured.filter((m) => m.time.baseline === undefined).map((m) => [m.time.name, m.time])) as Record<Baseline, InitTime>;
  return roots.map((_root, set) => ({
    baselines,
    functions: measured.filter((m) => m.set === set && m.time.baseline !== undefined).map((m) => m.time),
  }));
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
export const ratioToBaseline = (fn: InitTime, baselines: Record<Baseline, InitTime>) => fn.cpuMs / baselines[fn.baseline!].cpuMs;

/** A markdown table: each function's init time and its ratio (CPU time) to its SDK-only baseline. */
export function initTimeTable({ functions, baselines }: InitTimes): string[] {
  return [
    '| bundle | KiB | init CPU ms | init wall ms | SDK-only baseline | baseline CPU ms | CPU ÷ baseline |',
    '|---|---:|---:|---:|---|---:|---:|',
    ...Object.values(baselines).map((b) => `| ${b.name} (baseline) | ${round(b.kb)} | ${round(b.cpuMs)} | ${round(b.wallMs)} | — | — | 1 |`),
    ...[...functions]
      .sort((a, b) => ratioToBaseline(b, baselines) - ratioToBaseline(a, baselines))
      .map((fn) => {
        const base = baselines[fn.baseline!];
        return `| ${fn.name} | ${round(fn.kb)} | ${round(fn.cpuMs)} | ${round(fn.wallMs)} | ${sdkBaselines[fn.baseline!].label} | ${round(base.cpuMs)} | ${round(ratioToBaseline(fn, baselines), 2)} |`;
      }),
  ];
}

/** Before and after side by side, for the functions both checkouts have. */
export function comparisonTable(before: InitTimes, after: InitTimes): string[] {
  const { baselines } = after;
  return [
    '| function | KiB before → after | init CPU ms before → after | ÷ baseline before → after | SDK-only baseline (CPU ms) |',
    '|---|---:|---:|---:|---|',
    ...Object.values(baselines).map((b) => `| ${b.name} (baseline) | ${round(b.kb)} | ${round(b.cpuMs)} | 1 | — |`),
    ...[...after.functions]
      .sort((a, b) => ratioToBaseline(b, baselines) - ratioToBaseline(a, baselines))
      .map((fn) => {
        const old = before.functions.find((candidate) => candidate.name === fn.name);
        const pair = (from: number | undefined, to: number, digits = 1) => `${from === undefined ? '—' : round(from, digits)} → ${round(to, digits)}`;
        return `| ${fn.name} | ${pair(old?.kb, fn.kb)} | ${pair(old?.cpuMs, fn.cpuMs)} | ${pair(old && ratioToBaseline(old, baselines), ratioToBaseline(fn, baselines), 2)} | ${sdkBaselines[fn.baseline!].label} (${round(baselines[fn.baseline!].cpuMs)}) |`;
      }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argument = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const before = argument('--before');
  const runs = Number(argument('--runs') ?? 21);
  const results = await measureInitTimes(before ? [resolve(before), projectRoot] : [projectRoot], { runs });
  const json = argument('--json');
  if (json) writeFileSync(json, JSON.stringify(results, null, 2));
  console.log((results.length === 2 ? comparisonTable(results[0]!, results[1]!) : initTimeTable(results[0]!)).join('\n'));
}
