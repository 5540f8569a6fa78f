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

export class ExchangeServer {
  private readonly inputs = new Map<string, Uint8Array>();
  private readonly results = new Map<string, Buffer>();
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

  /** A URL the page can POST one result to. */
  resultUrl(): string {
    return new URL(this.exchangePath('result'), this.url).href;
  }

  /** The body posted to `url`, removed from the server; throws if none arrived. */
  takeResult(url: string): Buffer {
    const path = new URL(url).pathname;
    const body = this.results.get(path);
    if (!body) throw new Error(`kernelgl: the page sent no result to ${path}.`);
    this.results.delete(path);
    return body;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private exchangePath(kind: 'input' | 'result'): string {
    return `/exchange/${this.token}/${kind}/${++this.counter}`;
  }

  private async handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    try {
      if (request.method === 'POST' && path.startsWith(`/exchange/${this.token}/result/`)) {
        this.results.set(path, await readBody(request));
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

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body?: Uint8Array, type?: string): void {
  response.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store' });
  response.end(body);
}
