import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { constants, createGzip } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What docker/nginx.conf compresses (`gzip_types`, text/html always), from `gzip_min_length`
 * bytes on, at nginx's default level (1): page weights and Lighthouse scores measured here are
 * those of the deployed server.
 */
const GZIP_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);
const GZIP_MIN_LENGTH = 1024;

/** The paths that the production web server (and `proxy.conf.json` in development) sends to the API. */
export const API_PATH_PREFIXES = ['/api/', '/health/', '/metrics'] as const;

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built back-office the way the deployed web server does: files as they are, any
 * other path answered with index.html so that deep links reach the router, and the API paths
 * proxied to the API so that the page and the API share one origin.
 */
export async function startStaticServer(options: {
  root: string;
  apiUrl: string;
}): Promise<StaticServer> {
  const api = new URL(options.apiUrl);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (API_PATH_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      proxy(req, res, api);
    } else {
      serveFile(options.root, path, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      });
    }
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        // The browser keeps connections alive; they would hold close() open.
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

function proxy(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const upstream = httpRequest(
    {
      hostname: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`API unreachable: ${error.message}`);
  });
  req.pipe(upstream);
}

async function serveFile(
  root: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const file = await resolveFile(root, urlPath);
  if (file === null) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
    return;
  }
  const gzip =
    GZIP_EXTENSIONS.has(extname(file)) &&
    /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
    (await stat(file)).size >= GZIP_MIN_LENGTH;
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // index.html names the hashed bundles of the current build: never reuse an old one.
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000',
    ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}),
  });
  const body = createReadStream(file);
  if (gzip) body.pipe(createGzip({ level: constants.Z_BEST_SPEED })).pipe(res);
  else body.pipe(res);
}

/**
 * The file for a URL path, index.html for a route of the application, or null for a missing
 * asset: a missing chunk answered with HTML would fail far from its cause.
 */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (await isFile(candidate)) return candidate;
  return extname(decoded) === '' ? join(root, 'index.html') : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
