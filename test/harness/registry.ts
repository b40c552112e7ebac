import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTokenServer, type TokenServer } from './token-server.js';

const run = promisify(execFile);

/** Debian's build of CNCF Distribution 2.8 (package `docker-registry`). */
export const registryBinary = '/usr/bin/docker-registry';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export interface StartRegistryOptions {
  auth: RegistryAuth;
  username?: string;
  password?: string;
  /** Token mode: repositories (`name` or `prefix/*`) that anonymous tokens may pull. */
  publicRepositories?: readonly string[];
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, plain HTTP. */
  host: string;
  auth: RegistryAuth;
  username: string;
  password: string;
  /** Token mode: a refresh token the token service accepts (a `docker login` identity token). */
  identityToken: string;
  /** Token mode: the token service, to count the tokens it issued. */
  tokenServer?: TokenServer;
  stop(): Promise<void>;
}

const tokenService = 'palisade-test-registry';
const tokenIssuer = 'palisade-test-token-service';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    })
  );
  return port;
}

/** Any HTTP answer to `GET /v2/` (a 401 included) means the registry is serving. */
function answersV2(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`http://${host}/v2/`, { timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function makeCertificate(dir: string): Promise<{ keyPem: string; certPem: string }> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    '/CN=palisade test token service',
  ]);
  return { keyPem: await readFile(keyPath, 'utf8'), certPem: await readFile(certPath, 'utf8') };
}

function authSection(
  auth: RegistryAuth,
  dir: string,
  tokenServer: TokenServer | undefined
): string {
  if (auth === 'htpasswd') {
    return `auth:
  htpasswd:
    realm: palisade-test
    path: ${join(dir, 'htpasswd')}
`;
  }
  if (auth === 'token' && tokenServer) {
    return `auth:
  token:
    realm: ${tokenServer.realm}
    service: ${tokenService}
    issuer: ${tokenIssuer}
    rootcertbundle: ${join(dir, 'token.crt')}
`;
  }
  return '';
}

function registryConfig(dir: string, port: number, auth: string): string {
  return `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(dir, 'data')}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
  secret: ${randomBytes(16).toString('hex')}
${auth}`;
}

async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the registry on `port`; resolves once it answers, rejects if it exits first. */
async function launch(configPath: string, host: string): Promise<ChildProcess> {
  const child = spawn(registryBinary, ['serve', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // REGISTRY_* variables override the config file; none of the caller's may leak in.
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
  });
  // A test process that dies without calling stop() must not leave a registry behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`docker-registry exited with ${child.exitCode}: ${stderr}`);
    }
    if (await answersV2(host)) {
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await waitForExit(child);
  throw new Error(`docker-registry did not answer on ${host} within 20 s: ${stderr}`);
}

/**
 * Starts a real registry (CNCF Distribution) on a free loopback port, with filesystem storage
 * in a temp dir, plain HTTP, and no auth, htpasswd (bcrypt) or token auth backed by
 * `startTokenServer`.
 */
export async function startRegistry(options: StartRegistryOptions): Promise<TestRegistry> {
  const username = options.username ?? 'palisade';
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const identityToken = `refresh-${randomBytes(16).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'palisade-registry-'));
  let tokenServer: TokenServer | undefined;
  try {
    if (options.auth === 'htpasswd') {
      const { stdout } = await run('htpasswd', ['-Bbn', username, password]);
      await writeFile(join(dir, 'htpasswd'), stdout);
    }
    if (options.auth === 'token') {
      const { keyPem, certPem } = await makeCertificate(dir);
      tokenServer = await startTokenServer({
        username,
        password,
        identityToken,
        issuer: tokenIssuer,
        service: tokenService,
        keyPem,
        certPem,
        ...(options.publicRepositories ? { publicRepositories: options.publicRepositories } : {}),
      });
    }
    // The port is free when asked but could be taken before the registry binds: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const host = `127.0.0.1:${port}`;
      const configPath = join(dir, 'config.yml');
      await writeFile(
        configPath,
        registryConfig(dir, port, authSection(options.auth, dir, tokenServer))
      );
      let child: ChildProcess;
      try {
        child = await launch(configPath, host);
      } catch (error) {
        if (attempt < 3) {
          continue;
        }
        throw error;
      }
      const server = tokenServer;
      let stopped = false;
      return {
        host,
        auth: options.auth,
        username,
        password,
        identityToken,
        ...(server ? { tokenServer: server } : {}),
        stop: async () => {
          if (stopped) {
            return;
          }
          stopped = true;
          await waitForExit(child);
          await server?.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface PushOptions {
  /** Push every platform of an index (`skopeo copy --all`). */
  all?: boolean;
  /** The tag inside the layout; the tag of `ref` by default. */
  layoutTag?: string;
}

/**
 * Pushes an image from an OCI layout with `skopeo copy` to `registry`, as `REPO:TAG`.
 * Returns the digest of the manifest (or index) as pushed.
 */
export async function pushOciLayout(
  layoutDir: string,
  ref: string,
  registry: Pick<TestRegistry, 'host' | 'auth' | 'username' | 'password'>,
  options: PushOptions = {}
): Promise<string> {
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > ref.lastIndexOf('/');
  const repository = hasTag ? ref.slice(0, colon) : ref;
  const tag = hasTag ? ref.slice(colon + 1) : 'latest';
  const scratch = await mkdtemp(join(tmpdir(), 'palisade-push-'));
  const digestFile = join(scratch, 'digest');
  const args = [
    '--insecure-policy',
    'copy',
    '--quiet',
    ...(options.all ? ['--all'] : []),
    '--dest-tls-verify=false',
    '--digestfile',
    digestFile,
    ...(registry.auth === 'none'
      ? ['--dest-no-creds']
      : ['--dest-creds', `${registry.username}:${registry.password}`]),
    `oci:${layoutDir}:${options.layoutTag ?? tag}`,
    `docker://${registry.host}/${repository}:${tag}`,
  ];
  try {
    // A scratch HOME, so skopeo never reads a developer's own registry logins.
    await run('skopeo', args, {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: scratch },
    });
    return (await readFile(digestFile, 'utf8')).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
