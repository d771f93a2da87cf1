import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteContract } from '../../shared/http/route.js';
import { acknowledge } from '../nag-acknowledgements.js';

export interface ApiRoute {
  route: RouteContract;
  handler: IFunction;
  functionName: string;
}

export interface PublicApiProps {
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  allowedOrigins: string[];
}

// HTTP API context variables; no query strings or bodies, so no tokens or personal data reach the logs.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    method: '$context.httpMethod',
    route: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** Public writes (the application form, RSVP, unsubscribe) get a tighter limit than the stage default. */
const publicWriteThrottle = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };

/**
 * The HTTP API (payload 2.0): every manifest route with its Lambda
 * integration, the Cognito JWT authorizer on every non-public route,
 * throttling, access logs and CORS for the configured origins.
 */
export class PublicApi extends Construct {
  readonly api: HttpApi;
  private readonly authorizer: HttpUserPoolAuthorizer;
  private readonly stage: HttpStage;
  private readonly routeSettings: Record<string, typeof publicWriteThrottle> = {};

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
    this.authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, { userPoolClients: [props.userPoolClient] });
  }

  /** Adds one manifest route: its integration, the authorizer unless public, a tighter throttle on public writes. */
  addRoute({ route, handler, functionName }: ApiRoute): void {
    const [created] = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${functionName}-${route.method}-integration`, handler),
      ...(route.access === 'public' ? {} : { authorizer: this.authorizer }),
    });
    if (route.access === 'public' && created) acknowledge.publicRoute(created);
    if (route.access === 'public' && route.method !== 'GET') {
      this.routeSettings[`${route.method} ${route.path}`] = publicWriteThrottle;
      (this.stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', this.routeSettings);
      // API Gateway refuses a stage whose RouteSettings name a route that does not exist yet ("Unable to find Route by key").
      if (created) this.stage.node.addDependency(created);
    }
  }
}
