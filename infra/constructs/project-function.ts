import { Duration, Stack } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { FunctionDeclaration } from '../manifest-types.js';
import { projectRoot } from '../project-root.js';
import { bundleTarget, requireShim } from '../bundling.js';

export { projectRoot };

/**
 * Powertools settings of every function. Tracer never records a handler's
 * response or error as X-Ray metadata (pages, tokens, input quoted in a
 * message); shared/platform/tracer.ts enforces the same in code.
 */
export const powertoolsEnvironment = {
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
} as const;

export interface ProjectFunctionProps {
  /** A manifest entry, or a function outside the manifest such as a custom resource's. */
  declaration: Pick<FunctionDeclaration, 'name' | 'entry' | 'description' | 'timeoutSeconds' | 'memoryMb'>;
  environment: Record<string, string>;
}

/**
 * Every Lambda of the project: pinned Node.js 24 on arm64, minified ESM with
 * source maps, JSON logs kept for a set time, X-Ray tracing (Powertools
 * Tracer, without response or error capture).
 */
export class ProjectFunction extends Construct {
  readonly function: NodejsFunction;
  /** The deployed name, known at synth (the errors alarm's query names every function). */
  readonly functionName: string;

  constructor(scope: Construct, id: string, { declaration, environment }: ProjectFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    this.functionName = `${Stack.of(this).stackName}-${declaration.name}`.slice(0, 64);
    this.function = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      description: declaration.description,
      entry: join(projectRoot, declaration.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: declaration.memoryMb ?? 512,
      timeout: Duration.seconds(declaration.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { ...environment, ...powertoolsEnvironment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: bundleTarget,
        platform: 'node',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: requireShim,
        // The Lambda runtime ships the AWS SDK v3, but bundling pins the version we test with.
        externalModules: [],
      },
    });
  }
}
