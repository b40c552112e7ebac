import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

/**
 * A Kubernetes API server small enough to read, for the cluster snapshot source: HTTPS on
 * 127.0.0.1 with a self-signed certificate made by `openssl` at test time, the real REST paths
 * of the cluster-wide lists (`/api/v1/pods`, `/apis/apps/v1/deployments`, …) and of single
 * namespaced objects (`/api/v1/namespaces/kube-system/configmaps/aws-auth`), `List` responses
 * shaped as the API server shapes them (items without `apiVersion`/`kind`, `metadata.continue`),
 * `limit`/`continue` paging, bearer-token authentication and the `Status` bodies the API server
 * sends for 401, 403, 404, 410 and 503. Faults are per resource: forbidden, slow, expired
 * continue tokens, transient 503s.
 */

const run = promisify(execFile);

/** One listable resource as the API server's discovery would describe it. */
export interface KubeResource {
  /** `''` for the core group. */
  group: string;
  version: string;
  /** The plural resource name of the URL and of RBAC rules (`pods`, `clusterrolebindings`). */
  plural: string;
  kind: string;
  namespaced: boolean;
}

function resource(group: string, version: string, plural: string, kind: string): KubeResource {
  const clusterScoped = [
    'nodes',
    'namespaces',
    'clusterroles',
    'clusterrolebindings',
    'validatingwebhookconfigurations',
    'mutatingwebhookconfigurations',
  ];
  return { group, version, plural, kind, namespaced: !clusterScoped.includes(plural) };
}

/** What the double serves; a kind not here answers 404 like an API group the server lacks. */
export const kubeResources: readonly KubeResource[] = [
  resource('', 'v1', 'pods', 'Pod'),
  resource('', 'v1', 'replicationcontrollers', 'ReplicationController'),
  resource('', 'v1', 'services', 'Service'),
  resource('', 'v1', 'namespaces', 'Namespace'),
  resource('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  resource('', 'v1', 'configmaps', 'ConfigMap'),
  resource('', 'v1', 'secrets', 'Secret'),
  resource('apps', 'v1', 'deployments', 'Deployment'),
  resource('apps', 'v1', 'statefulsets', 'StatefulSet'),
  resource('apps', 'v1', 'daemonsets', 'DaemonSet'),
  resource('apps', 'v1', 'replicasets', 'ReplicaSet'),
  resource('batch', 'v1', 'jobs', 'Job'),
  resource('batch', 'v1', 'cronjobs', 'CronJob'),
  resource('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  resource('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
  resource('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  resource('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole'),
  resource('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  resource('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding'),
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration'
  ),
  resource(
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration'
  ),
];

/**
 * Served too, but not read into a posture snapshot (no check reads them): the platform lists
 * them for its inventory and metering.
 */
export const inventoryResources: readonly KubeResource[] = [resource('', 'v1', 'nodes', 'Node')];

const servedResources = [...kubeResources, ...inventoryResources];

function apiVersionOf(res: KubeResource): string {
  return res.group === '' ? res.version : `${res.group}/${res.version}`;
}

function pathOf(res: KubeResource): string {
  return res.group === ''
    ? `/api/${res.version}/${res.plural}`
    : `/apis/${res.group}/${res.version}/${res.plural}`;
}

/** An object as a test states it: `apiVersion`, `kind` and `metadata.name` at least. */
export type StoredObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string };
};

export interface KubeApiDoubleOptions {
  objects: readonly StoredObject[];
  /** The one bearer token the server accepts; any other token gets 401. */
  token: string;
  /** Who the token belongs to, for the messages of 403s. */
  user?: string;
  /** Plural resource names the user may not list (403 Forbidden). */
  forbidden?: readonly string[];
  /** Plural resource names the user may not get one by one (403 Forbidden). */
  forbiddenGet?: readonly string[];
  /** Plural resource name → milliseconds every list of it waits before it answers. */
  slow?: Readonly<Record<string, number>>;
  /** Plural resource name → how many requests carrying `continue` answer 410 Expired. */
  expireContinue?: Readonly<Record<string, number>>;
  /** Plural resource name → how many list requests answer 503 before the list works. */
  unavailable?: Readonly<Record<string, number>>;
  /** Plural resource names the server does not serve (404), as an old API server lacks a group. */
  missing?: readonly string[];
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  status: number;
}

export interface KubeconfigOptions {
  /** The token the user presents; the double's own by default. */
  token?: string;
  /** Context, cluster and user name; `double` by default. */
  context?: string;
  /** Another server URL (a closed port), with the double's CA. */
  server?: string;
  /** Another CA (PEM), to see a certificate the kubeconfig does not trust refused. */
  caPem?: string;
  /** `current-context`; the context by default, `null` to leave it out. */
  currentContext?: string | null;
}

export interface KubeApiDouble {
  /** `https://127.0.0.1:PORT` */
  server: string;
  /** The self-signed serving certificate, which is also the CA a kubeconfig trusts. */
  caPem: string;
  readonly requests: readonly RecordedRequest[];
  /** A kubeconfig (YAML) with the CA data, the server URL, a token user and a context. */
  kubeconfig(options?: KubeconfigOptions): string;
  /** Serves these objects from now on, as if the cluster changed (fresh resource versions). */
  replaceObjects(objects: readonly StoredObject[]): void;
  /** Writes `kubeconfig(options)` to `path`. */
  writeKubeconfig(path: string, options?: KubeconfigOptions): Promise<void>;
  stop(): Promise<void>;
}

/** A self-signed EC certificate for 127.0.0.1 and localhost, made by `openssl`. */
export async function makeServingCertificate(): Promise<{ keyPem: string; certPem: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-kube-cert-'));
  try {
    const keyPath = join(dir, 'apiserver.key');
    const certPath = join(dir, 'apiserver.crt');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=palisade test kube-apiserver',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    return { keyPem: await readFile(keyPath, 'utf8'), certPem: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `Status` object the API server sends with every failed request. */
function status(
  code: number,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: extra['metadata'] ?? {},
    status: 'Failure',
    message,
    reason,
    ...(extra['details'] !== undefined ? { details: extra['details'] } : {}),
    code,
  };
}

interface ContinueToken {
  rv: string;
  start: number;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ContinueToken).rv === 'string' &&
      typeof (value as ContinueToken).start === 'number'
    ) {
      return value as ContinueToken;
    }
  } catch {
    // Falls through to undefined: the caller answers 400 as the API server does.
  }
  return undefined;
}

const creationTimestamp = '2024-05-01T10:00:00Z';

/**
 * The object as the API server stores and lists it: `uid`, `resourceVersion`,
 * `creationTimestamp` and `managedFields` added, `apiVersion` and `kind` removed (typed list
 * items carry neither).
 */
function listItem(object: StoredObject, index: number): Record<string, unknown> {
  const { apiVersion, metadata } = object;
  const rest = Object.fromEntries(
    Object.entries(object).filter(([key]) => !['apiVersion', 'kind', 'metadata'].includes(key))
  );
  return {
    metadata: {
      uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      resourceVersion: String(1000 + index),
      creationTimestamp,
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion,
          time: creationTimestamp,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': {} },
        },
      ],
      ...metadata,
    },
    ...rest,
  };
}

function byKey(a: StoredObject, b: StoredObject): number {
  const left = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const right = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Fault counters, spent as requests arrive. */
function counters(source: Readonly<Record<string, number>> | undefined): Map<string, number> {
  return new Map(Object.entries(source ?? {}));
}

function spend(counter: Map<string, number>, plural: string): boolean {
  const left = counter.get(plural) ?? 0;
  if (left <= 0) {
    return false;
  }
  counter.set(plural, left - 1);
  return true;
}

export async function startKubeApiDouble(options: KubeApiDoubleOptions): Promise<KubeApiDouble> {
  const { keyPem, certPem } = await makeServingCertificate();
  const user = options.user ?? 'system:serviceaccount:palisade:reader';
  const byPath = new Map(servedResources.map((res) => [pathOf(res), res]));
  const stored = new Map<string, Record<string, unknown>[]>();
  function store(all: readonly StoredObject[]): void {
    for (const res of servedResources) {
      const objects = all
        .filter((object) => object.kind === res.kind && object.apiVersion === apiVersionOf(res))
        .sort(byKey);
      stored.set(
        res.plural,
        objects.map((object, index) => listItem(object, index))
      );
    }
  }
  store(options.objects);
  const resourceVersion = '424242';
  const expireContinue = counters(options.expireContinue);
  const unavailable = counters(options.unavailable);
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /** 401 for a wrong token, 403 for anonymous or a forbidden resource, else undefined. */
  function authorize(
    request: IncomingMessage,
    res: KubeResource,
    verb: 'list' | 'get'
  ): (Record<string, unknown> & { code: number }) | undefined {
    const header = request.headers.authorization;
    if (header !== undefined && header !== `Bearer ${options.token}`) {
      return { ...status(401, 'Unauthorized', 'Unauthorized'), code: 401 };
    }
    const who = header === undefined ? 'system:anonymous' : user;
    const scope = res.group === '' ? '""' : `"${res.group}"`;
    const refused = verb === 'list' ? options.forbidden : options.forbiddenGet;
    if (header === undefined || refused?.includes(res.plural) === true) {
      const where = verb === 'list' ? 'at the cluster scope' : 'in the namespace';
      const message = `${res.plural} is forbidden: User "${who}" cannot ${verb} resource "${res.plural}" in API group ${scope} ${where}`;
      return { ...status(403, 'Forbidden', message, { details: { kind: res.plural } }), code: 403 };
    }
    return undefined;
  }

  /** `GET …/namespaces/NS/PLURAL/NAME`: one object, with its `apiVersion` and `kind`. */
  function answerGet(request: IncomingMessage, response: ServerResponse, url: URL): boolean {
    const match = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(
      url.pathname
    );
    const res = match ? byPath.get(`${match[1] ?? ''}/${match[3] ?? ''}`) : undefined;
    if (match === null || res === undefined) {
      return false;
    }
    const [namespace, name] = [match[2], match[4]];
    const reply = (code: number, body: unknown): void => {
      requests.push({ path: url.pathname, query: url.searchParams, status: code });
      sendJson(response, code, body);
    };
    const refusal = authorize(request, res, 'get');
    if (refusal !== undefined) {
      reply(refusal.code, refusal);
      return true;
    }
    const found = (stored.get(res.plural) ?? []).find((item) => {
      const metadata = item['metadata'] as { name?: string; namespace?: string };
      return metadata.name === name && metadata.namespace === namespace;
    });
    if (found === undefined) {
      const message = `${res.plural} "${name ?? ''}" not found`;
      reply(404, status(404, 'NotFound', message, { details: { name, kind: res.plural } }));
      return true;
    }
    reply(200, { kind: res.kind, apiVersion: apiVersionOf(res), ...found });
    return true;
  }

  function answer(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    res: KubeResource
  ): void {
    const record = (code: number, body: unknown): void => {
      requests.push({ path: url.pathname, query: url.searchParams, status: code });
      sendJson(response, code, body);
    };
    const refusal = authorize(request, res, 'list');
    if (refusal !== undefined) {
      record(refusal.code, refusal);
      return;
    }
    if (spend(unavailable, res.plural)) {
      record(
        503,
        status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')
      );
      return;
    }
    const items = stored.get(res.plural) ?? [];
    const continueText = url.searchParams.get('continue');
    let start = 0;
    if (continueText !== null && continueText !== '') {
      const token = decodeContinue(continueText);
      if (token === undefined) {
        record(400, status(400, 'BadRequest', 'continue key is not valid: illegal base64 data'));
        return;
      }
      if (spend(expireContinue, res.plural)) {
        const message =
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
        record(410, status(410, 'Expired', message, { metadata: { continue: continueText } }));
        return;
      }
      start = token.start;
    }
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? 0 : Number.parseInt(limitText, 10);
    const end = limit > 0 ? Math.min(items.length, start + limit) : items.length;
    const metadata: Record<string, unknown> = { resourceVersion };
    if (end < items.length) {
      metadata['continue'] = encodeContinue({ rv: resourceVersion, start: end });
      metadata['remainingItemCount'] = items.length - end;
    }
    record(200, {
      kind: `${res.kind}List`,
      apiVersion: apiVersionOf(res),
      metadata,
      items: items.slice(start, end),
    });
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'https://kube.invalid');
    if (request.method !== 'GET') {
      sendJson(
        response,
        405,
        status(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource'
        )
      );
      return;
    }
    if (url.pathname === '/version') {
      const header = request.headers.authorization;
      if (header !== undefined && header !== `Bearer ${options.token}`) {
        requests.push({ path: url.pathname, query: url.searchParams, status: 401 });
        sendJson(response, 401, status(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      requests.push({ path: url.pathname, query: url.searchParams, status: 200 });
      sendJson(response, 200, {
        major: '1',
        minor: '30',
        gitVersion: 'v1.30.4-eks-a737599',
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2024-08-26T21:27:41Z',
        goVersion: 'go1.22.5',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    if (answerGet(request, response, url)) {
      return;
    }
    const res = byPath.get(url.pathname);
    if (res === undefined || options.missing?.includes(res.plural) === true) {
      requests.push({ path: url.pathname, query: url.searchParams, status: 404 });
      sendJson(
        response,
        404,
        status(404, 'NotFound', 'the server could not find the requested resource', { details: {} })
      );
      return;
    }
    const delay = options.slow?.[res.plural] ?? 0;
    if (delay <= 0) {
      answer(request, response, url, res);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) {
        answer(request, response, url, res);
      }
    }, delay);
    timers.add(timer);
  }

  const server: Server = createServer({ key: keyPem, cert: certPem }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;

  function kubeconfig(config: KubeconfigOptions = {}): string {
    const name = config.context ?? 'double';
    const current = config.currentContext === undefined ? name : config.currentContext;
    return stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name,
          cluster: {
            server: config.server ?? url,
            'certificate-authority-data': Buffer.from(config.caPem ?? certPem).toString('base64'),
          },
        },
      ],
      users: [{ name, user: { token: config.token ?? options.token } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      ...(current !== null ? { 'current-context': current } : {}),
    });
  }

  return {
    server: url,
    caPem: certPem,
    requests,
    kubeconfig,
    replaceObjects: store,
    writeKubeconfig: (path, config) => writeFile(path, kubeconfig(config), { mode: 0o600 }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) {
          clearTimeout(timer);
        }
        timers.clear();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
