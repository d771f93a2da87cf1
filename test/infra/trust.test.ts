import { App, Stack } from 'aws-cdk-lib';
import { CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { legacySecretLogicalId } from '../../infra/constructs/link-signing-key.js';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import cdkContext from '../../cdk.json' with { type: 'json' };
import { accessProductGives } from '../support/access-rules.js';

/**
 * Issue 12 in the synthesised template. The deployed half of the authorization matrix: in the synthesised template,
 * every non-public route of the manifest sits behind the one Cognito JWT
 * authorizer (issuer: the admin user pool, audience: its app client) and goes
 * to the function the manifest names, whose handler checks the role against
 * the route's contract (test/integration/authorization-matrix.test.ts runs
 * those handlers); every public route has no authorizer. Roles are Cognito
 * groups in the ID token, which carries no OAuth scopes: a route that asked
 * for scopes would refuse every administrator, so none may. And the link
 * signing key: an SSM SecureString the stack provisions, never a value in the
 * template, the code or the environment, readable only by the functions that sign or check links.
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

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (policy: Resource) => policy.Properties.PolicyDocument.Statement as Statement[];
const rolesOf = (policy: Resource) => (policy.Properties.Roles as unknown[]).map(refTo);

/** The policy statements of a role's policies that allow an action. */
function statementsAllowing(roleId: string, action: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => rolesOf(policy).includes(roleId))
    .flatMap(([, policy]) => statementsOf(policy))
    .filter((statement) => [statement.Action].flat().includes(action));
}

/**
 * Whether a statement lets its role read the key: any SSM read (named or by a
 * wildcard action) on the key's parameter or on a wildcard resource. The
 * AWS-managed aws/ssm key lets any principal allowed to read the parameter decrypt it.
 */
const readsKey = (statement: Statement) =>
  [statement.Action].flat().some((action) => /^ssm:(Get|\*)/.test(action)) &&
  [statement.Resource].flat().some((resource) => isKeyParameter(resource) || JSON.stringify(resource).includes('*'));

const roleOf = (fn: Resource) => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
/** The key's custom resource: [logical id, resource]. */
const keyResource = () => ofType('Custom::LinkSigningKey')[0]!;
const parameterName = () => keyResource()[1].Properties.ParameterName as string;
/** The role of the function behind the key's custom resource (its service token). */
const provisionerRole = () => roleOf(resources[/"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(JSON.stringify(keyResource()[1].Properties.ServiceToken))![1]!]!);
/** Whether a statement's resource is the key's parameter ARN (arn:…:ssm:…:parameter/<stack>/link-signing-key). */
const isKeyParameter = (resource: unknown) => /:ssm:.*:parameter\/[^"*]+\/link-signing-key"/.test(JSON.stringify(resource)) && JSON.stringify(resource).includes(parameterName());

describe('the link signing key', () => {
  it('is an SSM SecureString a custom resource provisions: no secret, and no value anywhere in the template', () => {
    expect(ofType('AWS::SecretsManager::Secret')).toEqual([]);
    // A plain AWS::SSM::Parameter would carry its value in the template.
    expect(ofType('AWS::SSM::Parameter')).toEqual([]);
    expect(ofType('Custom::LinkSigningKey')).toHaveLength(1);
    const [, key] = keyResource();
    expect(Object.keys(key.Properties).sort()).toEqual(['LegacySecretLogicalId', 'ParameterName', 'ServiceTimeout', 'ServiceToken']);
    // CloudFormation gives up after this instead of the default hour, should the function die without answering.
    expect(Number(key.Properties.ServiceTimeout)).toBeLessThanOrEqual(300);
    expect(key.Properties.ParameterName).toMatch(/^\/[\w-]+\/link-signing-key$/);
  });

  it('carries over the key of the secret the stack had before, found by the logical id CDK gave that secret', () => {
    const earlier = new Stack(new App(), 'Earlier');
    const secret = new Secret(earlier, 'LinkSigningKey');
    expect(legacySecretLogicalId).toBe(earlier.getLogicalId(secret.node.defaultChild as CfnSecret));
    expect(keyResource()[1].Properties.LegacySecretLogicalId).toBe(legacySecretLogicalId);
  });

  it('reaches every product function as the parameter’s name only (read through Powertools Parameters), never as a key', () => {
    const byDescription = functionIdByDescription();
    for (const declaration of manifest) {
      const variables = resources[byDescription.get(declaration.description)!]!.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.LINK_SIGNING_KEY_PARAMETER, declaration.name).toBe(parameterName());
    }
    for (const [id, fn] of ofType('AWS::Lambda::Function')) expect(fn.Properties.Environment?.Variables?.LINK_SIGNING_KEY, id).toBeUndefined();
  });

  it('is readable by the functions that sign or check links (the mailer, the settings page, the colleagues form) and no other role, and they deploy after it', () => {
    const byDescription = functionIdByDescription();
    const [keyId] = keyResource();
    const rolesThatRead = new Set(
      ofType('AWS::IAM::Policy')
        .filter(([, policy]) => statementsOf(policy).some(readsKey))
        .flatMap(([, policy]) => rolesOf(policy)),
    );
    const readers = new Set<string | undefined>();
    for (const declaration of manifest) {
      const fn = resources[byDescription.get(declaration.description)!]! as Resource & { DependsOn?: string[] };
      const shouldRead = declaration.sendsMail || ('readsLinkSigningKey' in declaration && declaration.readsLinkSigningKey === true);
      expect(rolesThatRead.has(roleOf(fn)), declaration.name).toBe(shouldRead);
      if (shouldRead) {
        readers.add(roleOf(fn));
        expect(fn.DependsOn ?? [], declaration.name).toContain(keyId);
      }
    }
    // The provisioner only checks that the parameter exists (without decryption); every other role reading it is a manifest reader.
    expect([...rolesThatRead].filter((role) => role !== provisionerRole() && !readers.has(role))).toEqual([]);
  });

  it('is put by its provisioner only: the one parameter, and reads of the stack itself and its earlier secret', () => {
    const role = provisionerRole();
    expect(statementsAllowing(role, 'ssm:PutParameter').map((statement) => isKeyParameter(statement.Resource))).toEqual([true]);
    const secretReads = statementsAllowing(role, 'secretsmanager:GetSecretValue').flatMap((statement) => [statement.Resource].flat());
    expect(secretReads.length).toBeGreaterThan(0);
    for (const resource of secretReads) expect(JSON.stringify(resource)).toMatch(new RegExp(`:secret:${legacySecretLogicalId}-\\*"`));
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      if (rolesOf(policy).includes(role)) continue;
      const actions = statementsOf(policy).flatMap((statement) => [statement.Action].flat());
      expect(actions.filter((action) => /^ssm:(Put|\*)/.test(action)), id).toEqual([]);
    }
  });
});
