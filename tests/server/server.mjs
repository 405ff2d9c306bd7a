// Local HTTPS server for the e2e tests and the demo. Chromium is started with
// --host-resolver-rules mapping real site names (www.instagram.com, ...) to this server, so the
// extension's real match patterns apply. A self-signed certificate is made with openssl at start.
//
// Routes: server.route(host, file, {headers}) serves `file` (under tests/fixtures/) for every path
// on that host, as single-page apps do. /__fixtures/<path> serves any file under tests/fixtures/.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.gif': 'image/gif', '.webp': 'image/webp',
};

/** A strict policy like the big social sites send (no inline script, Trusted Types required). */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "require-trusted-types-for 'script'; trusted-types 'none'";

function makeCert(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=headsup-fixtures', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
  {stdio: 'ignore'});
  return {key: fs.readFileSync(key), cert: fs.readFileSync(cert)};
}

function safeJoin(base, rel) {
  const full = path.resolve(base, '.' + path.posix.normalize('/' + rel));
  return full.startsWith(base + path.sep) ? full : null;
}

export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-tls-'));
  const routes = new Map();
  const server = https.createServer(makeCert(dir), (req, res) => {
    const url = new URL(req.url, 'https://x');
    const host = String(req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
    let file = null;
    let headers = {};
    if (url.pathname.startsWith('/__fixtures/')) {
      file = safeJoin(FIXTURES, decodeURIComponent(url.pathname.slice('/__fixtures/'.length)));
      const route = routes.get(host);
      if (route && route.assetHeaders) headers = route.assetHeaders;
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    } else if (routes.has(host)) {
      const route = routes.get(host);
      file = route.file;
      headers = route.headers || {};
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address();
  // An HTTP CONNECT proxy in front of it, for Firefox (which has no --host-resolver-rules):
  // every tunnel ends at the TLS server, whatever host name the browser asked for.
  const proxy = http.createServer((req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head && head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = proxy.address().port;
  return {
    port,
    proxyPort,
    /** Serve tests/fixtures/<rel> for every path on `host`. */
    route(host, rel, {headers = {}, assetHeaders} = {}) {
      routes.set(host.toLowerCase(), {file: path.join(FIXTURES, rel), headers, assetHeaders});
    },
    /** Chromium flag value mapping each host to this server. */
    resolverRules(hosts) {
      return hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
    },
    async close() {
      proxy.closeAllConnections?.();
      await new Promise((resolve) => proxy.close(resolve));
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, {recursive: true, force: true});
    },
  };
}
