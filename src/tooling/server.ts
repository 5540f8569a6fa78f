/**
 * A local HTTP server for a built page (the command's runner, the
 * benchmark, the consumer suite's projects): it serves the static files and
 * passes pixels between Node and the page as raw bytes, so big images never
 * travel as strings through the DevTools protocol. It listens on 127.0.0.1
 * only, and the exchange paths carry a random token.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

/** A result arriving in parts: its bytes, allocated once, and how many have come. */
interface Incoming {
  readonly bytes: Buffer;
  received: number;
}

export class ExchangeServer {
  private readonly inputs = new Map<string, Uint8Array>();
  private readonly results = new Map<string, Incoming>();
  private readonly token = randomUUID();
  private counter = 0;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    /** The server's root URL, ending in `/`. */
    readonly url: string,
  ) {}

  /** Starts a server for the static files under `root`. */
  static async start(root: string): Promise<ExchangeServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const exchange = new ExchangeServer(server, `http://127.0.0.1:${port}/`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void exchange.handle(root, request, response));
    return exchange;
  }

  /** Makes `bytes` available to the page; returns the URL to fetch them from. */
  publish(bytes: Uint8Array): string {
    const path = this.exchangePath('input');
    this.inputs.set(path, bytes);
    return new URL(path, this.url).href;
  }

  /** Stops serving an input published earlier. */
  withdraw(url: string): void {
    this.inputs.delete(new URL(url).pathname);
  }

  /**
   * A URL the page can POST one result to, in parts: `?at=<byte offset>&of=<total bytes>`.
   * Parts because Chromium's renderer crashes on a request body of about
   * 150 MB; the total so that the result is allocated once, whatever its size.
   */
  resultUrl(): string {
    return new URL(this.exchangePath('result'), this.url).href;
  }

  /** The bytes posted to `url`, removed from the server; throws if none or only some arrived. */
  takeResult(url: string): Buffer {
    const path = new URL(url).pathname;
    const result = this.results.get(path);
    this.results.delete(path);
    if (!result) throw new Error(`kernelgl: the page sent no result to ${path}.`);
    if (result.received !== result.bytes.length) {
      throw new Error(`kernelgl: the page sent ${result.received} of the ${result.bytes.length} bytes of ${path}.`);
    }
    return result.bytes;
  }

  /** Forgets what was posted to `url`, as when the page failed half way. */
  dropResult(url: string): void {
    this.results.delete(new URL(url).pathname);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receivePart(path: string, at: number, total: number, request: IncomingMessage): Promise<void> {
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(total) || at < 0 || total < 0) throw new Error('bad part');
    // Its own ArrayBuffer (never a slice of Node's pool), so a caller may view it as float32 in place.
    const result = this.results.get(path) ?? { bytes: Buffer.allocUnsafeSlow(total), received: 0 };
    this.results.set(path, result);
    result.received += await readInto(request, result.bytes, at);
  }

  private exchangePath(kind: 'input' | 'result'): string {
    return `/exchange/${this.token}/${kind}/${++this.counter}`;
  }

  private async handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname: path, searchParams } = new URL(request.url ?? '/', this.url);
    try {
      if (request.method === 'POST' && path.startsWith(`/exchange/${this.token}/result/`)) {
        await this.receivePart(path, Number(searchParams.get('at')), Number(searchParams.get('of')), request);
        return send(response, 204);
      }
      if (request.method !== 'GET') return send(response, 405);
      const input = this.inputs.get(path);
      if (input) return send(response, 200, input, 'application/octet-stream');
      const file = staticFile(root, path);
      if (!file) return send(response, 404);
      send(response, 200, await readFile(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(response, 404);
    }
  }
}

/** The file under `root` for a URL path, or null for paths that leave it. */
function staticFile(root: string, path: string): string | null {
  const file = normalize(join(root, decodeURIComponent(path)));
  return file.startsWith(normalize(root + sep)) ? file : null;
}

/** Copies a request body into `dest` from byte `at`; resolves to its length, or rejects (once it is read) when it runs past the end. */
function readInto(request: IncomingMessage, dest: Buffer, at: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let offset = at;
    let overflow = false;
    request.on('data', (chunk: Buffer) => {
      overflow ||= offset + chunk.length > dest.length;
      if (!overflow) offset += chunk.copy(dest, offset);
    });
    request.on('end', () => (overflow ? reject(new Error('a result part runs past its end')) : resolve(offset - at)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body?: Uint8Array, type?: string): void {
  response.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
  response.end(body);
}
