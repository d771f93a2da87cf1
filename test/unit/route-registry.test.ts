import { describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { routeContracts } from '../../shared/contracts/registry.js';

describe('the route registry', () => {
  it('lists exactly the routes the manifest gives a function, each once', () => {
    const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    const registered = routeContracts.map(key).sort();
    expect(new Set(registered).size).toBe(registered.length);
    expect(httpRoutes(manifest).map(({ route }) => key(route)).sort()).toEqual(registered);
  });

  it('gives every route a unique operationId', () => {
    const ids = routeContracts.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
