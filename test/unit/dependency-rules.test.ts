import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/project-root.js';

const depcruise = (cwd: string, ...paths: string[]) =>
  spawnSync(join(projectRoot, 'node_modules/.bin/depcruise'), ['--config', join(projectRoot, '.dependency-cruiser.cjs'), ...paths], { cwd, encoding: 'utf8' });

describe('dependency rules (.dependency-cruiser.cjs, `npm run deps`)', () => {
  it('refuse a domain module that imports an adapter', { timeout: 60_000 }, () => {
    const result = depcruise(join(projectRoot, 'test/fixtures/wrong-import'), 'shared');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('domain-is-the-core: shared/domain/rule-breaker.ts → shared/adapters/storage.ts');
  });
});
