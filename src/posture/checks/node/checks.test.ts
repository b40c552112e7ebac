import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshot as kubeSnapshot } from '../../../../test/harness/kube-objects.js';
import type { Check } from '../../check/types.js';
import type {
  FoundNodeFile,
  KubeletConfig,
  KubeletFlag,
  NodeSnapshot,
} from '../../snapshot/node.js';
import type { Snapshot } from '../../snapshot/types.js';
import { check as anonymousAuth } from './anonymous-auth.js';
import { check as authorizationMode } from './authorization-mode.js';
import { check as clientCaFile } from './client-ca-file.js';
import { check as configOwnership } from './config-ownership.js';
import { check as configPermissions } from './config-permissions.js';
import { check as eventQps } from './event-qps.js';
import { checks } from './index.js';
import { check as iptablesUtilChains } from './iptables-util-chains.js';
import { check as kubeconfigOwnership } from './kubeconfig-ownership.js';
import { check as kubeconfigPermissions } from './kubeconfig-permissions.js';
import { goDurationNanos } from './kubelet.js';
import { check as readOnlyPort } from './read-only-port.js';
import { check as rotateCertificates } from './rotate-certificates.js';
import { check as rotateServerCertificate } from './rotate-server-certificate.js';
import { check as streamingIdleTimeout } from './streaming-idle-timeout.js';

const configPath = '/etc/kubernetes/kubelet/kubelet-config.json';
const unit = '/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf';

function file(path: string, fields: Partial<FoundNodeFile> = {}): FoundNodeFile {
  return { path, found: true, type: 'file', mode: 0o644, uid: 0, gid: 0, via: [], ...fields };
}

/** A node snapshot: no flags, one config layer (`null`: unreadable), root-owned 644 files. */
function nodeSnapshot(
  config: KubeletConfig | null = {},
  flags: Omit<KubeletFlag, 'origin'>[] = [],
  extra: Partial<NodeSnapshot> = {}
): Snapshot {
  const node: NodeSnapshot = {
    root: '/host',
    hostname: 'node-a',
    units: ['/etc/systemd/system/kubelet.service', unit],
    flags: flags.map((flag) => ({ ...flag, origin: unit })),
    configFile: file(configPath),
    configFileFrom: 'flag --config (in /etc/systemd/system/kubelet.service)',
    configDropIns: [],
    ...(config !== null
      ? { config: [{ file: configPath, config }] }
      : { configProblem: `${configPath} is not valid JSON: Unexpected end` }),
    kubeconfig: file('/var/lib/kubelet/kubeconfig'),
    kubeconfigFrom: 'found at /var/lib/kubelet/kubeconfig',
    ...extra,
  };
  return { ...kubeSnapshot(), source: 'node: /host', node };
}

function only(check: Check, snapshot: Snapshot) {
  const results = check.run(snapshot);
  expect(results).toHaveLength(1);
  const [result] = results;
  expect(result?.resource).toEqual({ kind: 'Node', name: 'node-a' });
  return result;
}

const folder = fileURLToPath(new URL('.', import.meta.url));

describe('the node family', () => {
  it('has one check per file, with the file name as its id', () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => !['index.ts', 'kubelet.ts'].includes(name))
      .map((name) => `node-${name.replace(/\.ts$/, '')}`)
      .sort();
    expect(checks.map(({ id }) => id).sort()).toEqual(files);
  });

  it('covers CIS EKS 1.8.0 section 3 once each, in order', () => {
    expect(checks.flatMap(({ controls }) => controls)).toEqual(
      [
        '3.1.1',
        '3.1.2',
        '3.1.3',
        '3.1.4',
        '3.2.1',
        '3.2.2',
        '3.2.3',
        '3.2.4',
        '3.2.5',
        '3.2.6',
        '3.2.7',
        '3.2.8',
        '3.2.9',
      ].map((id) => ({ framework: 'cis-eks-1.8.0', id }))
    );
    for (const check of checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.remediation.length).toBeGreaterThan(0);
    }
  });

  it('returns nothing for a snapshot without a node', () => {
    for (const check of checks) {
      expect(check.run(kubeSnapshot())).toEqual([]);
    }
  });

  it('names the node by its root when there is no hostname', () => {
    const snapshot = nodeSnapshot({}, [], { hostname: undefined });
    const node = snapshot.node as NodeSnapshot;
    delete node.hostname;
    expect(anonymousAuth.run(snapshot)[0]?.resource).toEqual({ kind: 'Node', name: '/host' });
  });
});

describe('3.1 file checks', () => {
  it('3.1.1 passes 600 and fails 640 on the kubeconfig', () => {
    const strict = nodeSnapshot({}, [], {
      kubeconfig: file('/var/lib/kubelet/kubeconfig', { mode: 0o600 }),
    });
    expect(only(kubeconfigPermissions, strict)).toEqual({
      status: 'pass',
      resource: { kind: 'Node', name: 'node-a' },
      reason:
        'kubelet kubeconfig (found at /var/lib/kubelet/kubeconfig): /var/lib/kubelet/kubeconfig has mode 600',
    });
    const loose = nodeSnapshot({}, [], {
      kubeconfig: file('/var/lib/kubelet/kubeconfig', { mode: 0o664 }),
    });
    expect(only(kubeconfigPermissions, loose)?.status).toBe('fail');
  });

  it('3.1.1 is manual for a directory and for a file not found', () => {
    const directory = nodeSnapshot({}, [], {
      kubeconfig: file('/var/lib/kubelet/kubeconfig', { type: 'directory', mode: 0o755 }),
    });
    expect(only(kubeconfigPermissions, directory)?.status).toBe('manual');
    expect(only(kubeconfigPermissions, directory)?.reason).toContain('is a directory, not a file');
    const missing = nodeSnapshot({}, [], {
      kubeconfig: { path: '/var/lib/kubelet/kubeconfig', found: false, problem: 'gone' },
    });
    expect(only(kubeconfigPermissions, missing)?.status).toBe('manual');
  });

  it('3.1.2 passes root:root and fails any other uid or gid', () => {
    expect(only(kubeconfigOwnership, nodeSnapshot())?.status).toBe('pass');
    const group = nodeSnapshot({}, [], {
      kubeconfig: file('/var/lib/kubelet/kubeconfig', { gid: 10 }),
    });
    expect(only(kubeconfigOwnership, group)).toMatchObject({ status: 'fail' });
    expect(only(kubeconfigOwnership, group)?.reason).toContain('is owned by 0:10, not root:root');
  });

  it('3.1.3 and 3.1.4 judge the config file and every drop-in', () => {
    expect(only(configPermissions, nodeSnapshot())?.status).toBe('pass');
    expect(only(configOwnership, nodeSnapshot())?.status).toBe('pass');
    const dropIn = '/etc/kubernetes/kubelet/config.json.d/10.conf';
    const bad = nodeSnapshot({}, [], {
      configDropIns: [file(dropIn, { mode: 0o646, uid: 1000 })],
    });
    expect(only(configPermissions, bad)?.status).toBe('fail');
    expect(only(configPermissions, bad)?.reason).toContain(`${dropIn} has mode 646`);
    expect(only(configOwnership, bad)?.status).toBe('fail');
    expect(only(configOwnership, bad)?.reason).toContain(`${dropIn} is owned by 1000:0`);
  });

  it('3.1.3 is manual, with how it looked, when no config file was found', () => {
    const snapshot = nodeSnapshot(null, [], {
      configFileFrom: 'no --config flag and none of x exists',
    });
    delete (snapshot.node as NodeSnapshot).configFile;
    expect(only(configPermissions, snapshot)).toMatchObject({
      status: 'manual',
      reason: 'kubelet config file not found: no --config flag and none of x exists',
    });
  });
});

describe('3.2 kubelet settings', () => {
  it('3.2.1 anonymous auth: false passes, true fails, unset fails, a bad flag is manual', () => {
    expect(
      only(anonymousAuth, nodeSnapshot({ authentication: { anonymous: { enabled: false } } }))
        ?.status
    ).toBe('pass');
    expect(
      only(anonymousAuth, nodeSnapshot({ authentication: { anonymous: { enabled: true } } }))
        ?.status
    ).toBe('fail');
    expect(only(anonymousAuth, nodeSnapshot({}))).toMatchObject({
      status: 'fail',
      reason: `anonymous authentication is not explicitly disabled: not set by a flag nor in ${configPath}`,
    });
    expect(
      only(anonymousAuth, nodeSnapshot({}, [{ name: 'anonymous-auth', value: 'F' }]))?.status
    ).toBe('pass');
    expect(only(anonymousAuth, nodeSnapshot({}, [{ name: 'anonymous-auth' }]))?.status).toBe(
      'fail'
    );
    expect(
      only(anonymousAuth, nodeSnapshot({}, [{ name: 'anonymous-auth', value: 'nope' }]))?.status
    ).toBe('manual');
  });

  it('a later flag wins over an earlier one and over the config', () => {
    const snapshot = nodeSnapshot({ authentication: { anonymous: { enabled: true } } }, [
      { name: 'anonymous-auth', value: 'true' },
      { name: 'anonymous-auth', value: 'false' },
    ]);
    expect(only(anonymousAuth, snapshot)).toMatchObject({
      status: 'pass',
      reason: `--anonymous-auth=false (flag in ${unit}, over the config file's authentication.anonymous.enabled): anonymous requests are rejected`,
    });
  });

  it('a later config layer wins over an earlier one', () => {
    const snapshot = nodeSnapshot({ readOnlyPort: 10255 });
    const dropIn = '/etc/kubernetes/kubelet/config.json.d/00.conf';
    (snapshot.node as NodeSnapshot).config?.push({ file: dropIn, config: { readOnlyPort: 0 } });
    expect(only(readOnlyPort, snapshot)?.reason).toContain(`readOnlyPort: 0 (in ${dropIn})`);
    expect(only(readOnlyPort, snapshot)?.status).toBe('pass');
  });

  it('every 3.2 check is manual when the config could not be read and no flag sets it', () => {
    for (const check of checks.filter(({ controls }) => controls[0]?.id.startsWith('3.2'))) {
      const result = only(check, nodeSnapshot(null));
      expect(result?.status).toBe('manual');
      expect(result?.reason).toBe(`cannot tell: ${configPath} is not valid JSON: Unexpected end`);
    }
    expect(
      only(readOnlyPort, nodeSnapshot(null, [{ name: 'read-only-port', value: '0' }]))?.status
    ).toBe('pass');
  });

  it('3.2.2 authorization mode: Webhook passes, AlwaysAllow and unset fail', () => {
    expect(
      only(authorizationMode, nodeSnapshot({ authorization: { mode: 'Webhook' } }))?.status
    ).toBe('pass');
    expect(
      only(authorizationMode, nodeSnapshot({ authorization: { mode: 'AlwaysAllow' } }))?.status
    ).toBe('fail');
    expect(
      only(
        authorizationMode,
        nodeSnapshot({}, [{ name: 'authorization-mode', value: 'Webhook,AlwaysAllow' }])
      )?.status
    ).toBe('fail');
    expect(only(authorizationMode, nodeSnapshot({}))?.status).toBe('fail');
  });

  it('3.2.3 client CA file: a path passes, empty and unset fail', () => {
    expect(
      only(
        clientCaFile,
        nodeSnapshot({ authentication: { x509: { clientCAFile: '/etc/ca.crt' } } })
      )?.status
    ).toBe('pass');
    expect(
      only(clientCaFile, nodeSnapshot({ authentication: { x509: { clientCAFile: '' } } }))?.status
    ).toBe('fail');
    expect(only(clientCaFile, nodeSnapshot({}))?.status).toBe('fail');
    expect(
      only(clientCaFile, nodeSnapshot({}, [{ name: 'client-ca-file', value: '/ca.crt' }]))?.status
    ).toBe('pass');
  });

  it('3.2.4 read-only port: 0 passes, 10255 and unset fail, a word is manual', () => {
    expect(only(readOnlyPort, nodeSnapshot({ readOnlyPort: 0 }))?.status).toBe('pass');
    expect(only(readOnlyPort, nodeSnapshot({ readOnlyPort: 10255 }))).toMatchObject({
      status: 'fail',
      reason: `readOnlyPort: 10255 (in ${configPath}): the kubelet serves an unauthenticated read-only API on port 10255`,
    });
    expect(only(readOnlyPort, nodeSnapshot({}))?.status).toBe('fail');
    expect(
      only(readOnlyPort, nodeSnapshot({}, [{ name: 'read-only-port', value: 'off' }]))?.status
    ).toBe('manual');
  });

  it('3.2.5 streaming idle timeout: 4h and unset pass, 0 and 0s fail', () => {
    expect(
      only(streamingIdleTimeout, nodeSnapshot({ streamingConnectionIdleTimeout: '4h0m0s' }))?.status
    ).toBe('pass');
    expect(only(streamingIdleTimeout, nodeSnapshot({}))?.status).toBe('pass');
    expect(
      only(streamingIdleTimeout, nodeSnapshot({ streamingConnectionIdleTimeout: '0s' }))?.status
    ).toBe('fail');
    expect(
      only(
        streamingIdleTimeout,
        nodeSnapshot({}, [{ name: 'streaming-connection-idle-timeout', value: '0' }])
      )?.status
    ).toBe('fail');
    expect(
      only(streamingIdleTimeout, nodeSnapshot({ streamingConnectionIdleTimeout: 'soon' }))?.status
    ).toBe('manual');
  });

  it('3.2.6 iptables util chains: true and unset pass, false fails', () => {
    expect(only(iptablesUtilChains, nodeSnapshot({ makeIPTablesUtilChains: true }))?.status).toBe(
      'pass'
    );
    expect(only(iptablesUtilChains, nodeSnapshot({}))?.status).toBe('pass');
    expect(
      only(
        iptablesUtilChains,
        nodeSnapshot({}, [{ name: 'make-iptables-util-chains', value: 'false' }])
      )?.status
    ).toBe('fail');
  });

  it('3.2.7 event QPS: 0, 5 and unset pass, negative fails', () => {
    expect(only(eventQps, nodeSnapshot({ eventRecordQPS: 0 }))?.reason).toContain(
      'events are not rate limited'
    );
    expect(only(eventQps, nodeSnapshot({ eventRecordQPS: 5 }))?.status).toBe('pass');
    expect(only(eventQps, nodeSnapshot({}))?.status).toBe('pass');
    expect(only(eventQps, nodeSnapshot({}, [{ name: 'event-qps', value: '-1' }]))?.status).toBe(
      'fail'
    );
  });

  it('3.2.8 rotate certificates: true and unset pass, false fails', () => {
    expect(only(rotateCertificates, nodeSnapshot({ rotateCertificates: true }))?.status).toBe(
      'pass'
    );
    expect(only(rotateCertificates, nodeSnapshot({}))?.status).toBe('pass');
    expect(only(rotateCertificates, nodeSnapshot({ rotateCertificates: false }))?.status).toBe(
      'fail'
    );
  });

  it('3.2.9 RotateKubeletServerCertificate: true passes, false and unset fail', () => {
    expect(
      only(
        rotateServerCertificate,
        nodeSnapshot({ featureGates: { RotateKubeletServerCertificate: true } })
      )?.status
    ).toBe('pass');
    expect(
      only(
        rotateServerCertificate,
        nodeSnapshot({ featureGates: { RotateKubeletServerCertificate: false } })
      )?.status
    ).toBe('fail');
    expect(
      only(rotateServerCertificate, nodeSnapshot({ featureGates: { Other: true } }))?.status
    ).toBe('fail');
    const flagged = nodeSnapshot({ featureGates: { RotateKubeletServerCertificate: false } }, [
      { name: 'feature-gates', value: 'RotateKubeletServerCertificate=true' },
      { name: 'feature-gates', value: 'Other=false' },
    ]);
    expect(only(rotateServerCertificate, flagged)).toMatchObject({
      status: 'pass',
      reason: `--feature-gates RotateKubeletServerCertificate=true (flag in ${unit}): serving certificates are rotated`,
    });
  });
});

describe('goDurationNanos', () => {
  it('reads Go durations and refuses other text', () => {
    expect(goDurationNanos('0')).toBe(0);
    expect(goDurationNanos('0h0m0s')).toBe(0);
    expect(goDurationNanos('1h30m')).toBe(5400e9);
    expect(goDurationNanos('1.5s')).toBe(1.5e9);
    expect(goDurationNanos('5')).toBeUndefined();
    expect(goDurationNanos(5)).toBeUndefined();
  });
});
