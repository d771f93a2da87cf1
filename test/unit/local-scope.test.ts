import { describe, expect, it } from 'vitest';
import { Scope } from '../../infra/local/scope.js';

describe('the local stack’s scope of started things', () => {
  it('stops everything registered, last started first, once however often it is closed', async () => {
    const scope = new Scope();
    const stopped: string[] = [];
    scope.defer(() => void stopped.push('dynamodb'));
    scope.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      stopped.push('ses');
    });
    scope.defer(() => {
      throw new Error('a failing stop does not keep the others running');
    });
    scope.defer(() => void stopped.push('api'));
    await Promise.all([scope.close(), scope.close()]);
    expect(stopped).toEqual(['api', 'ses', 'dynamodb']);
    expect(scope.signal.aborted).toBe(true);
  });

  it('stops at once what is registered after closing began, and close() waits for it', async () => {
    const scope = new Scope();
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    scope.defer(() => first);
    const closing = scope.close();
    expect(scope.closed).toBe(true);
    // Start-up was still running and has just spawned something: it must not outlive the scope.
    const late: string[] = [];
    scope.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      late.push('stopped');
    });
    release();
    await closing;
    expect(late).toEqual(['stopped']);
  });
});
