import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through in front of local SES that a test can close: while closed,
 * send requests are held unanswered (and never reach SES), so a process
 * killed then dies with its sends unacknowledged, as a Lambda killed while
 * waiting on SES does. Requests already passed through are awaited by
 * `closed()`, so no acknowledged send is still on its way back.
 */
export async function startMailGate(sesPort: number, port = 0) {
  let holding = false;
  let inFlight = 0;
  const held: ServerResponse[] = [];

  const server = createServer((incoming: IncomingMessage, answer: ServerResponse) => {
    if (holding) {
      held.push(answer);
      return;
    }
    inFlight += 1;
    const done = () => {
      inFlight -= 1;
    };
    const upstream = request({ host: '127.0.0.1', port: sesPort, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
      answer.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(answer);
      response.once('end', done);
    });
    upstream.once('error', () => {
      done();
      answer.destroy();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Holds new sends, and resolves once every send passed through before has had its answer. */
    async closed(): Promise<void> {
      holding = true;
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    /** Drops the held sends (their sender is gone) and lets sends through again; how many were held. */
    open(): number {
      const dropped = held.splice(0);
      for (const answer of dropped) answer.socket?.destroy();
      holding = false;
      return dropped.length;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const answer of held.splice(0)) answer.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
