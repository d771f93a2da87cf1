import { randomUUID } from 'node:crypto';
import { documentClient } from '../../shared/adapters/dynamo/client.js';

/** The DynamoDB requests (command names, in order) the product's one document client sends while `work` runs. */
export async function dynamoRequestsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const name = `count-requests-${randomUUID()}`;
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    documentClient.middlewareStack.remove(name);
  }
  return sent;
}
