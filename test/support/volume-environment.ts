/**
 * What a file sending thousands of emails sets for itself (and for a local
 * stack it starts) before any module reads the configuration:
 * - the send rate: the local default is 20 emails a second;
 * - the DynamoDB client's timeouts: DynamoDB Local on a busy 2-core machine can
 *   take seconds for one call, and a write that times out after SES accepted a
 *   send makes the lease expire and the email go out twice, which is not what
 *   these tests are about (the fault tests are).
 */
export const volumeEnvironment = {
  MAIL_SEND_RATE: '1000',
  DYNAMODB_REQUEST_TIMEOUT_MS: '15000',
  DYNAMODB_CONNECT_TIMEOUT_MS: '5000',
};
