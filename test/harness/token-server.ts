import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Docker token service (the "token" auth of CNCF Distribution) small enough to read:
 * it checks basic credentials or a refresh token and signs a JWT the registry trusts
 * through the certificate carried in the `x5c` header.
 */
export interface TokenServerOptions {
  username: string;
  password: string;
  /** A refresh token accepted in an OAuth2 POST, as `docker login` identity tokens are. */
  identityToken: string;
  issuer: string;
  /** The registry's `auth.token.service`; becomes the token's audience. */
  service: string;
  /** PEM private key and certificate (the certificate is the registry's root bundle). */
  keyPem: string;
  certPem: string;
  /** Repositories (exact names or `prefix/*`) anyone may pull without credentials. */
  publicRepositories?: readonly string[];
  /** Lifetime of issued tokens, in seconds. */
  expiresIn?: number;
}

export interface TokenServer {
  /** `http://127.0.0.1:PORT/token`: the registry's `auth.token.realm`. */
  realm: string;
  /** How many tokens were issued, so tests can see the client's cache at work. */
  readonly issued: number;
  /** How many requests were refused. */
  readonly refused: number;
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function certificateDer(certPem: string): string {
  // x5c carries plain (not URL-safe) base64 DER, which is what the PEM body already is.
  return certPem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
}

function signJwt(claims: object, key: KeyObject, certPem: string): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certificateDer(certPem)] };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}

/**
 * `repository:name:pull,push` or `registry:catalog:*` → an access entry; anything else is
 * ignored.
 */
function parseScope(scope: string): Access | undefined {
  const parts = scope.split(':');
  const type = parts[0];
  if (parts.length < 3 || (type !== 'repository' && type !== 'registry')) {
    return undefined;
  }
  const actions = (parts[parts.length - 1] ?? '').split(',').filter(Boolean);
  return { type, name: parts.slice(1, -1).join(':'), actions };
}

function isPublic(name: string, publicRepositories: readonly string[]): boolean {
  return publicRepositories.some((pattern) =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
  );
}

async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type Identity = { kind: 'user' } | { kind: 'anonymous' } | { kind: 'refused' };

function identify(
  request: IncomingMessage,
  form: URLSearchParams | undefined,
  options: TokenServerOptions
): Identity {
  if (form !== undefined) {
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') {
      return form.get('refresh_token') === options.identityToken
        ? { kind: 'user' }
        : { kind: 'refused' };
    }
    if (grant === 'password') {
      return form.get('username') === options.username && form.get('password') === options.password
        ? { kind: 'user' }
        : { kind: 'refused' };
    }
    return { kind: 'refused' };
  }
  const header = request.headers.authorization;
  if (header === undefined) {
    return { kind: 'anonymous' };
  }
  const match = /^Basic\s+(.+)$/i.exec(header);
  const decoded = Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
  return decoded === `${options.username}:${options.password}`
    ? { kind: 'user' }
    : { kind: 'refused' };
}

function grantedAccess(
  scopes: string[],
  identity: Identity,
  options: TokenServerOptions
): Access[] {
  const requested = scopes.flatMap((scope) => scope.split(' ')).map(parseScope);
  return requested
    .filter((access): access is Access => access !== undefined)
    .map((access) => {
      if (identity.kind === 'user') {
        return access;
      }
      // Anonymous: pull on public repositories, nothing elsewhere (Docker Hub's behaviour),
      // and never the catalog.
      const allowed =
        access.type === 'repository' && isPublic(access.name, options.publicRepositories ?? [])
          ? access.actions.filter((action) => action === 'pull')
          : [];
      return { ...access, actions: allowed };
    });
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const key = createPrivateKey(options.keyPem);
  let issued = 0;
  let refused = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token') {
      response.writeHead(404).end();
      return;
    }
    const form =
      request.method === 'POST' ? new URLSearchParams(await readRequestBody(request)) : undefined;
    const identity = identify(request, form, options);
    if (identity.kind === 'refused') {
      refused++;
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ details: 'invalid credentials' }));
      return;
    }
    const scopes = form ? form.getAll('scope') : url.searchParams.getAll('scope');
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 300;
    const claims = {
      iss: options.issuer,
      sub: identity.kind === 'user' ? options.username : '',
      aud: options.service,
      exp: now + expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(16).toString('hex'),
      access: grantedAccess(scopes, identity, options),
    };
    const token = signJwt(claims, key, options.certPem);
    issued++;
    response.writeHead(200, { 'content-type': 'application/json' });
    const body: Record<string, unknown> = {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date(now * 1000).toISOString(),
    };
    if (form !== undefined) {
      body['refresh_token'] = options.identityToken;
    }
    response.end(JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) {
        response.writeHead(500);
      }
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    get issued() {
      return issued;
    },
    get refused() {
      return refused;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
