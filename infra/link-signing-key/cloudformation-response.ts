import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as pauseFor } from 'node:timers/promises';

export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
}

/**
 * Answers CloudFormation at the pre-signed URL it gave, trying three times
 * (each try given 10 s): until an answer arrives the stack waits, up to the
 * resource's service timeout. The content type is sent empty, as the URL's
 * signature expects.
 */
export async function respondToCloudFormation(responseUrl: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  for (let attempt = 1; ; attempt++) {
    try {
      return await put(responseUrl, body);
    } catch (error) {
      if (attempt === 3) throw error;
      await pauseFor(attempt * 1_000);
    }
  }
}

function put(responseUrl: string, body: string): Promise<void> {
  const request = responseUrl.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const sending = request(responseUrl, { method: 'PUT', timeout: 10_000, headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (answer) => {
      answer.resume();
      answer.once('end', () => ((answer.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`CloudFormation's response URL answered ${answer.statusCode}`))));
    });
    sending.once('timeout', () => sending.destroy(new Error('CloudFormation’s response URL did not answer within 10 s')));
    sending.once('error', reject);
    sending.end(body);
  });
}
