import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { manifest } from './manifest.js';
import { readSettings } from './settings.js';
import { GlokalStack } from './stack.js';

/**
 * Builds the CDK app; tests call it with their own context. Synth needs no AWS
 * account: the stack is environment-agnostic. cdk-nag (AwsSolutions) runs on
 * every synth; tests that assert on the template alone may leave it out, so a
 * finding fails the nag test by itself.
 */
export function buildApp(app = new App(), { nag = true } = {}) {
  const stack = new GlokalStack(app, 'GlokalCluster', {
    manifest,
    settings: readSettings(app),
    description: 'GLOKAL Education Cluster: onboarding, events, grant reminders',
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}
