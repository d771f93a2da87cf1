import type { Construct } from 'constructs';

/** Deployment settings, from `cdk.json` context or `-c key=value`. */
export interface DeploymentSettings {
  sendingDomain: string;
  mailFrom: string;
  adminEmails: string;
  allowedOrigins: string[];
  alarmEmail?: string;
  /** Custom domain in front of the API; empty means the API's own endpoint. */
  publicBaseUrl?: string;
}

export function readSettings(scope: Construct): DeploymentSettings {
  const read = (key: string): string => {
    const value: unknown = scope.node.tryGetContext(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  const required = (key: string): string => {
    const value = read(key);
    if (!value) throw new Error(`Missing CDK context "${key}" (set it in cdk.json or with -c ${key}=…)`);
    return value;
  };
  return {
    sendingDomain: required('sendingDomain'),
    mailFrom: required('mailFrom'),
    adminEmails: required('adminEmails'),
    allowedOrigins: required('allowedOrigins').split(',').map((origin) => origin.trim()).filter(Boolean),
    alarmEmail: read('alarmEmail') || undefined,
    publicBaseUrl: read('publicBaseUrl') || undefined,
  };
}
