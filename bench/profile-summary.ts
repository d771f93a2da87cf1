/**
 * Where a `node --cpu-prof` profile spent its time: self time per package (or
 * project folder) and the heaviest functions, as markdown.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 15]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A package's name, the project's folder (shared/adapters, functions…), or Node's own. */
export function ownerOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/(shared\/[^/]+|functions|infra|bench|test)\//.exec(url);
  return project ? project[1]! : url;
}

export function summariseProfile(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    owners.set(ownerOf(frame.url), (owners.get(ownerOf(frame.url)) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} — ${ownerOf(frame.url)}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const busy = [...owners.values()].reduce((sum, ms) => sum + ms, 0);
  const percent = (ms: number) => `${((ms / busy) * 100).toFixed(1)} %`;
  const rows = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `Busy ${Math.round(busy)} ms of ${Math.round(total)} ms sampled (the rest idle, waiting on DynamoDB Local).`,
    '',
    '| self time by package or folder | ms | share of busy |',
    '|---|---:|---:|',
    ...rows(owners).map(([owner, ms]) => `| ${owner} | ${Math.round(ms)} | ${percent(ms)} |`),
    '',
    '| heaviest functions (self time) | ms | share of busy |',
    '|---|---:|---:|',
    ...rows(functions).map(([name, ms]) => `| ${name.replace(/\|/g, '\\|')} | ${Math.round(ms)} | ${percent(ms)} |`),
  ];
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile>');
  const topIndex = process.argv.indexOf('--top');
  console.log(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, topIndex > 0 ? Number(process.argv[topIndex + 1]) : 15).join('\n'));
}
