import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import cdkContext from '../../cdk.json' with { type: 'json' };
import { accessProductGives } from '../support/access-rules.js';

/**
 * The deployed half of the authorization matrix: in the synthesised template,
 * every non-public route of the manifest sits behind the one Cognito JWT
 * authorizer (issuer: the admin user pool, audience: its app client) and goes
 * to the function the manifest names, whose handler checks the role against
 * the route's contract (test/integration/authorization-matrix.test.ts runs
 * those handlers); every public route has no authorizer. Roles are Cognito
 * groups in the ID token, which carries no OAuth scopes: a route that asked
 * for scopes would refuse every administrator, so none may.
 */
type Resource = { Type: string; Properties: Record<string, any> };
let resources: Record<string, Resource>;

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const refTo = (value: unknown): string | undefined => (value as { Ref?: string })?.Ref;

beforeAll(() => {
  const app = new App({ context: { ...cdkContext.context, 'aws:cdk:bundling-stacks': [] } });
  resources = Template.fromStack(buildApp(app, { nag: false }).stack).toJSON().Resources;
}, 120_000);

/** The logical id of the Lambda function a route's integration invokes. */
function functionBehind(route: Resource): string | undefined {
  const target = JSON.stringify(route.Properties.Target);
  const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1];
  const integration = integrationId ? resources[integrationId] : undefined;
  return (integration?.Properties.IntegrationUri as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt']?.[0];
}

/** Function logical ids by description (each manifest entry's description is its function's, and unique). */
const functionIdByDescription = () => new Map(ofType('AWS::Lambda::Function').map(([id, fn]) => [fn.Properties.Description as string, id]));

describe('the API Gateway authorizer, from the manifest', () => {
  it('is one JWT authorizer whose issuer is the admin user pool and whose audience is its app client', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const [poolId] = ofType('AWS::Cognito::UserPool')[0]!;
    const [clientId, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    expect(refTo(client.Properties.UserPoolId)).toBe(poolId);
    expect(authorizer.Properties.JwtConfiguration.Audience.map(refTo)).toEqual([clientId]);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(`"Ref":"${poolId}"`);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('cognito-idp.');
  });

  it('tells the manifest’s functions apart by description', () => {
    expect(new Set(manifest.map((fn) => fn.description)).size).toBe(manifest.length);
    expect(functionIdByDescription().size).toBeGreaterThanOrEqual(manifest.length);
  });

  it('the user pool has the two groups the functions check: admins and viewers', () => {
    expect(ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName).sort()).toEqual(['admins', 'viewers']);
  });

  const routes = httpRoutes(manifest).map(({ fn, route }) => [`${route.method} ${route.path}`, fn, route] as const);

  it.each(routes)('%s: the authorizer its access needs, no scopes, the manifest’s function', (routeKey, fn, route) => {
    const found = ofType('AWS::ApiGatewayV2::Route').filter(([, candidate]) => candidate.Properties.RouteKey === routeKey);
    expect(found).toHaveLength(1);
    const [, deployed] = found[0]!;
    expect(route.access).toBe(accessProductGives(route));
    if (route.access === 'public') {
      expect(deployed.Properties.AuthorizationType).toBe('NONE');
      expect(deployed.Properties.AuthorizerId).toBeUndefined();
    } else {
      const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
      expect(deployed.Properties.AuthorizationType).toBe('JWT');
      expect(refTo(deployed.Properties.AuthorizerId)).toBe(authorizerId);
    }
    expect(deployed.Properties.AuthorizationScopes).toBeUndefined();
    const declared = functionIdByDescription().get(fn.description);
    expect(declared, 'the manifest’s function is in the template').toBeDefined();
    expect(functionBehind(deployed)).toBe(declared);
  });
});
