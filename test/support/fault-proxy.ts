import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * What the proxy does with traffic:
 * - `pass`: forwards both ways;
 * - `refuse`: nothing listens on the port (connection refused);
 * - `hang`: accepts connections and requests, forwards nothing and never answers;
 * - `cut`: forwards the request (so the service does the work) and cuts the
 *   connection half way through the service's answer;
 * - `throttle`: answers every request itself with 429 TooManyRequestsException
 *   (an AWS JSON error), forwarding nothing.
 */
export type FaultMode = 'pass' | 'refuse' | 'hang' | 'cut' | 'throttle';

const throttled = JSON.stringify({ message: 'Maximum sending rate exceeded.' });
const throttledAnswer = [
  'HTTP/1.1 429 Too Many Requests',
  'content-type: application/json',
  'x-amzn-errortype: TooManyRequestsException',
  `content-length: ${Buffer.byteLength(throttled)}`,
  'connection: close',
  '',
  throttled,
].join('\r\n');

export interface FaultCounts {
  /** Requests that began while the proxy was passing traffic. */
  passed: number;
  /** Requests swallowed without an answer. */
  hung: number;
  /** Answers cut half way. */
  cut: number;
  /** Requests answered 429 by the proxy. */
  throttled: number;
}

/**
 * A TCP proxy in front of one service (DynamoDB Local, local SES) whose
 * fault can be changed between and during requests. HTTP/1.1 requests are
 * told apart by their request line at the start of a chunk, which is how
 * the AWS SDK writes them (headers in one write), so `after(n, mode)` can let
 * the next n requests through and fault the one after: a fault in the middle
 * of a handler's sequence of calls.
 */
export class FaultProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: FaultMode = 'pass';
  private pending: { requests: number; mode: FaultMode } | undefined;
  readonly counts: FaultCounts = { passed: 0, hung: 0, cut: 0, throttled: 0 };

  constructor(
    readonly port: number,
    private readonly upstreamPort: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await this.listen();
  }

  /** Switches the fault now. */
  async set(mode: FaultMode): Promise<void> {
    this.pending = undefined;
    await this.switchTo(mode);
  }

  /** Lets `requests` more requests through, then switches to `mode`. */
  after(requests: number, mode: FaultMode): void {
    if (requests <= 0) {
      void this.set(mode);
      return;
    }
    this.pending = { requests, mode };
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await this.close();
  }

  private async switchTo(mode: FaultMode): Promise<void> {
    const previous = this.mode;
    this.mode = mode;
    if (mode === previous) return;
    if (mode === 'refuse') {
      this.dropConnections();
      await this.close();
    } else if (previous === 'refuse') {
      await this.listen();
    }
    // Back to passing, open connections are left alone: the hung and cut ones are already closed by the client's timeout or by us.
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  private close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  /** Applies a fault that was waiting for this request, then says what happens to it. */
  private modeForNewRequest(): FaultMode {
    if (this.pending) {
      if (this.pending.requests === 0) {
        const { mode } = this.pending;
        this.pending = undefined;
        // Refusing only affects new connections: this request, already connected, hangs instead.
        void this.switchTo(mode);
        return mode === 'refuse' ? 'hang' : mode;
      }
      this.pending.requests -= 1;
    }
    return this.mode;
  }

  private accept(client: Socket): void {
    this.track(client);
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    this.track(upstream);
    let requestMode: FaultMode = this.mode;
    client.on('data', (chunk: Buffer) => {
      if (startsRequest(chunk)) {
        requestMode = this.modeForNewRequest();
        if (requestMode === 'pass' || requestMode === 'cut') this.counts.passed += 1;
        if (requestMode === 'hang' || requestMode === 'refuse') this.counts.hung += 1;
        if (requestMode === 'throttle') {
          this.counts.throttled += 1;
          upstream.removeAllListeners('close');
          upstream.destroy();
          client.end(throttledAnswer);
          return;
        }
      }
      if (requestMode === 'throttle') return;
      if (requestMode === 'hang' || requestMode === 'refuse') return;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (requestMode === 'cut') {
        this.counts.cut += 1;
        // Half of the first chunk of the answer arrives, then the line goes dead.
        upstream.removeAllListeners('close');
        upstream.destroy();
        client.end(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
        return;
      }
      if (requestMode === 'hang') return;
      client.write(chunk);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }
}

/** An HTTP/1.x request line at the start of a chunk. */
function startsRequest(chunk: Buffer): boolean {
  return /^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/.test(chunk.subarray(0, 64).toString('latin1'));
}
