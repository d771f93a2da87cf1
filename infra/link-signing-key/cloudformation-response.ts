import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
}

/**
 * Answers CloudFormation at the pre-signed URL it gave. The content type is
 * sent empty: the URL's signature covers it. Until this answer arrives the
 * stack waits (an hour), so every outcome must end here.
 */
export function respondToCloudFormation(responseUrl: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const request = responseUrl.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const sending = request(responseUrl, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (answer) => {
      answer.resume();
      answer.once('end', () => ((answer.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`CloudFormation's response URL answered ${answer.statusCode}`))));
    });
    sending.once('error', reject);
    sending.end(body);
  });
}
