import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  al2023Layout,
  al2Layout,
  bottlerocketLayout,
  canChown,
  hostname,
  kubeletConfig,
  nodeRoot,
  type NodeLayout,
  type NodeRoot,
} from '../../../../test/harness/node-root.js';
import { NotFoundError } from '../../../core/errors.js';
import type { CheckResult } from '../../check/types.js';
import { checks } from '../../checks/node/index.js';
import type { NodeSnapshot } from '../../snapshot/node.js';
import type { Snapshot } from '../../snapshot/types.js';
import { readNode } from './index.js';

const roots: NodeRoot[] = [];

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => root.remove()));
});

async function read(layout: NodeLayout): Promise<{ snapshot: Snapshot; node: NodeSnapshot }> {
  const laid = await nodeRoot(layout);
  roots.push(laid);
  const snapshot = await readNode({ root: laid.root });
  if (snapshot.node === undefined) {
    throw new Error('no node snapshot');
  }
  return { snapshot, node: snapshot.node };
}

function byControl(snapshot: Snapshot): Map<string, CheckResult> {
  const results = new Map<string, CheckResult>();
  for (const check of checks) {
    const [result] = check.run(snapshot);
    const control = check.controls[0]?.id;
    if (result !== undefined && control !== undefined) {
      results.set(control, result);
    }
  }
  return results;
}

function statuses(snapshot: Snapshot): Record<string, string> {
  return Object.fromEntries([...byControl(snapshot)].map(([id, result]) => [id, result.status]));
}

const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const owner = uid === 0 && gid === 0 ? 'pass' : 'fail';

describe('readNode on an EKS AL2 node', () => {
  it('reads the unit, its drop-in, the config file and the kubeconfig', async () => {
    const { snapshot, node } = await read(al2Layout());
    expect(snapshot.source).toBe(`node: ${node.root}`);
    expect(snapshot.objects).toEqual([]);
    expect(node.hostname).toBe(hostname);
    expect(node.units).toEqual([
      '/etc/systemd/system/kubelet.service',
      '/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf',
    ]);
    expect(node.flags).toContainEqual({
      name: 'config',
      value: '/etc/kubernetes/kubelet/kubelet-config.json',
      origin: '/etc/systemd/system/kubelet.service',
    });
    expect(node.flags).toContainEqual({
      name: 'node-ip',
      value: '10.0.1.23',
      origin: '/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf',
    });
    expect(node.configFileFrom).toBe('flag --config (in /etc/systemd/system/kubelet.service)');
    expect(node.configFile).toMatchObject({
      path: '/etc/kubernetes/kubelet/kubelet-config.json',
      found: true,
      type: 'file',
      mode: 0o644,
      uid,
      gid,
    });
    expect(node.kubeconfig).toMatchObject({ path: '/var/lib/kubelet/kubeconfig', found: true });
    expect(node.config?.[0]?.config.authentication?.anonymous?.enabled).toBe(false);
    expect(snapshot.notes).toEqual([]);
  });

  it('passes every section 3 check on a compliant node (ownership as the test user)', async () => {
    const { snapshot } = await read(al2Layout());
    const results = byControl(snapshot);
    expect(statuses(snapshot)).toEqual({
      '3.1.1': 'pass',
      '3.1.2': owner,
      '3.1.3': 'pass',
      '3.1.4': owner,
      '3.2.1': 'pass',
      '3.2.2': 'pass',
      '3.2.3': 'pass',
      '3.2.4': 'pass',
      '3.2.5': 'pass',
      '3.2.6': 'pass',
      '3.2.7': 'pass',
      '3.2.8': 'pass',
      '3.2.9': 'pass',
    });
    expect(results.get('3.2.1')?.resource).toEqual({ kind: 'Node', name: hostname });
    expect(results.get('3.2.1')?.reason).toBe(
      'authentication.anonymous.enabled: false (in /etc/kubernetes/kubelet/kubelet-config.json): anonymous requests are rejected'
    );
  });

  it('lets a flag from KUBELET_EXTRA_ARGS override the config file', async () => {
    const { snapshot } = await read(
      al2Layout({
        '/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf': `[Service]
Environment="KUBELET_EXTRA_ARGS=--anonymous-auth=true --read-only-port 10255 --feature-gates=Foo=true,RotateKubeletServerCertificate=false"
`,
      })
    );
    const results = byControl(snapshot);
    const dropIn = '/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf';
    expect(results.get('3.2.1')).toMatchObject({ status: 'fail' });
    expect(results.get('3.2.1')?.reason).toBe(
      `--anonymous-auth=true (flag in ${dropIn}, over the config file's authentication.anonymous.enabled): anonymous requests are accepted`
    );
    expect(results.get('3.2.4')?.status).toBe('fail');
    expect(results.get('3.2.4')?.reason).toContain('--read-only-port=10255');
    expect(results.get('3.2.9')?.status).toBe('fail');
    expect(results.get('3.2.9')?.reason).toContain(
      `--feature-gates RotateKubeletServerCertificate=false (flag in ${dropIn})`
    );
  });

  it('fails file permissions wider than 644, naming the mode', async () => {
    const { snapshot } = await read(
      al2Layout({
        '/var/lib/kubelet/kubeconfig': { text: 'apiVersion: v1\n', mode: 0o666 },
        '/etc/kubernetes/kubelet/kubelet-config.json': {
          text: JSON.stringify(kubeletConfig()),
          mode: 0o4644,
        },
      })
    );
    const results = byControl(snapshot);
    expect(results.get('3.1.1')?.status).toBe('fail');
    expect(results.get('3.1.1')?.reason).toContain(
      '/var/lib/kubelet/kubeconfig has mode 666, more permissive than 644'
    );
    expect(results.get('3.1.3')?.status).toBe('fail');
    expect(results.get('3.1.3')?.reason).toContain('has mode 4644');
  });

  it('passes stricter modes', async () => {
    const { snapshot } = await read(
      al2Layout({ '/var/lib/kubelet/kubeconfig': { text: 'apiVersion: v1\n', mode: 0o600 } })
    );
    expect(byControl(snapshot).get('3.1.1')?.reason).toContain('has mode 600');
    expect(byControl(snapshot).get('3.1.1')?.status).toBe('pass');
  });

  it('records the owner as lstat gives it and fails one other than root:root', async () => {
    // Ownership can only be set as root; otherwise the files belong to the test user, who is
    // not root, which the checks must fail as well.
    const other = canChown ? { uid: 1000, gid: 1000 } : { uid, gid };
    const { snapshot, node } = await read(
      al2Layout({ '/var/lib/kubelet/kubeconfig': { text: 'apiVersion: v1\n', ...other } })
    );
    expect(node.kubeconfig).toMatchObject(other);
    const result = byControl(snapshot).get('3.1.2');
    expect(result?.status).toBe(other.uid === 0 && other.gid === 0 ? 'pass' : 'fail');
    expect(result?.reason).toContain(`is owned by ${other.uid}:${other.gid}`);
  });

  it('makes the 3.2 checks manual, not failed, when the config file is not valid JSON', async () => {
    const { snapshot, node } = await read(
      al2Layout({ '/etc/kubernetes/kubelet/kubelet-config.json': '{ "kind": ' })
    );
    expect(node.config).toBeUndefined();
    expect(node.configProblem).toMatch(
      /^\/etc\/kubernetes\/kubelet\/kubelet-config\.json is not valid JSON: /
    );
    expect(snapshot.notes).toContain(node.configProblem);
    const results = byControl(snapshot);
    for (const id of ['3.2.1', '3.2.4', '3.2.5', '3.2.9']) {
      expect(results.get(id)?.status).toBe('manual');
      expect(results.get(id)?.reason).toContain('is not valid JSON');
    }
    expect(results.get('3.1.3')?.status).toBe('pass');
  });

  it('rejects a field of the wrong type, as the kubelet would', async () => {
    const { node } = await read(
      al2Layout({
        '/etc/kubernetes/kubelet/kubelet-config.json': JSON.stringify(
          kubeletConfig({ readOnlyPort: '0' })
        ),
      })
    );
    expect(node.configProblem).toContain('is not a kubelet configuration: readOnlyPort');
  });

  it('does not read a config file over 1 MiB', async () => {
    const { node } = await read(
      al2Layout({ '/etc/kubernetes/kubelet/kubelet-config.json': ' '.repeat(1024 * 1024 + 1) })
    );
    expect(node.configProblem).toContain('is larger than 1048576 bytes; not read');
  });
});

describe('readNode on an AL2023 node', () => {
  it('expands the environment file and merges the drop-ins in order', async () => {
    const { snapshot, node } = await read(
      al2023Layout({
        '/etc/kubernetes/kubelet/config.json.d/10-user.conf':
          'kind: KubeletConfiguration\nstreamingConnectionIdleTimeout: 0s\n',
      })
    );
    expect(node.units).toEqual([
      '/etc/systemd/system/kubelet.service',
      '/etc/eks/kubelet/environment',
    ]);
    expect(node.flags).toContainEqual({
      name: 'config-dir',
      value: '/etc/kubernetes/kubelet/config.json.d',
      origin: '/etc/eks/kubelet/environment',
    });
    expect(node.configDropIns.map(({ path }) => path)).toEqual([
      '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf',
      '/etc/kubernetes/kubelet/config.json.d/10-user.conf',
    ]);
    const results = byControl(snapshot);
    expect(results.get('3.2.4')?.status).toBe('pass');
    expect(results.get('3.2.4')?.reason).toBe(
      'readOnlyPort: 0 (in /etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf): the unauthenticated read-only port is off'
    );
    expect(results.get('3.2.5')?.status).toBe('fail');
    expect(results.get('3.2.5')?.reason).toContain(
      'streamingConnectionIdleTimeout: 0s (in /etc/kubernetes/kubelet/config.json.d/10-user.conf)'
    );
    expect(results.get('3.1.3')?.reason).toContain('00-nodeadm.conf has mode 644');
  });

  it('fails 3.1.3 when a drop-in is group-writable', async () => {
    const { snapshot } = await read(
      al2023Layout({
        '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf': { text: '{}', mode: 0o664 },
      })
    );
    expect(byControl(snapshot).get('3.1.3')?.status).toBe('fail');
    expect(byControl(snapshot).get('3.1.3')?.reason).toContain(
      '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf has mode 664'
    );
  });

  it('finds the drop-in directory by convention when --config-dir is absent', async () => {
    const { node } = await read(
      al2023Layout({
        '/etc/eks/kubelet/environment':
          'NODEADM_KUBELET_ARGS="--config=/etc/kubernetes/kubelet/config.json"\n',
      })
    );
    expect(node.configDropIns).toHaveLength(1);
    expect(node.config?.map(({ file }) => file)).toEqual([
      '/etc/kubernetes/kubelet/config.json',
      '/etc/kubernetes/kubelet/config.json.d/00-nodeadm.conf',
    ]);
  });
});

describe('readNode on a Bottlerocket node', () => {
  it('reads the sys-root unit, the YAML config and the kubeconfig', async () => {
    const { snapshot, node } = await read(bottlerocketLayout());
    expect(node.units[0]).toBe(
      '/x86_64-bottlerocket-linux-gnu/sys-root/usr/lib/systemd/system/kubelet.service'
    );
    expect(node.flags).toContainEqual({
      name: 'node-ip',
      value: '10.0.1.23',
      origin: '/etc/kubernetes/kubelet/env',
    });
    expect(node.configFile).toMatchObject({ path: '/etc/kubernetes/kubelet/config', found: true });
    expect(node.kubeconfig).toMatchObject({
      path: '/etc/kubernetes/kubelet/kubeconfig',
      mode: 0o600,
    });
    const results = byControl(snapshot);
    expect(results.get('3.2.1')?.resource).toEqual({ kind: 'Node', name: node.root });
    expect(Object.values(statuses(snapshot)).filter((status) => status !== 'pass')).toEqual(
      owner === 'pass' ? [] : ['fail', 'fail']
    );
  });
});

describe('readNode with files missing', () => {
  it('notes what is missing and makes every check manual, never failed', async () => {
    const { snapshot, node } = await read({ '/etc/hostname': 'node-a\n' });
    expect(node.units).toEqual([]);
    expect(node.configFile).toBeUndefined();
    expect(node.kubeconfig).toBeUndefined();
    expect(snapshot.notes).toContain('no kubelet systemd unit found; kubelet flags were not read');
    expect(new Set(Object.values(statuses(snapshot)))).toEqual(new Set(['manual']));
    expect(byControl(snapshot).get('3.1.1')?.reason).toBe(
      'kubelet kubeconfig not found: no --kubeconfig flag and none of /var/lib/kubelet/kubeconfig, /etc/kubernetes/kubelet/kubeconfig, /etc/kubernetes/kubelet.conf exists'
    );
  });

  it('makes the file checks manual when the file --kubeconfig names is missing', async () => {
    const { snapshot, node } = await read(al2Layout({ '/var/lib/kubelet/kubeconfig': undefined }));
    expect(node.kubeconfig).toEqual({
      path: '/var/lib/kubelet/kubeconfig',
      found: false,
      problem: '/var/lib/kubelet/kubeconfig does not exist',
    });
    expect(byControl(snapshot).get('3.1.1')?.status).toBe('manual');
    expect(byControl(snapshot).get('3.1.2')?.status).toBe('manual');
  });

  it('probes the known config paths without a unit and says flags were not read', async () => {
    const { snapshot, node } = await read({
      '/var/lib/kubelet/config.yaml': 'kind: KubeletConfiguration\nreadOnlyPort: 10255\n',
    });
    expect(node.configFileFrom).toBe('found at /var/lib/kubelet/config.yaml');
    const results = byControl(snapshot);
    expect(results.get('3.2.4')?.status).toBe('fail');
    expect(results.get('3.2.1')?.status).toBe('fail');
    expect(results.get('3.2.1')?.reason).toBe(
      'anonymous authentication is not explicitly disabled: not set by a flag nor in /var/lib/kubelet/config.yaml (no kubelet systemd unit found, so flags were not read)'
    );
    expect(results.get('3.2.6')?.status).toBe('pass');
  });

  it('rejects a root that is not a directory', async () => {
    const laid = await nodeRoot({});
    roots.push(laid);
    const file = join(laid.parent, 'file');
    await writeFile(file, 'x');
    await expect(readNode({ root: file })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readNode({ root: join(laid.parent, 'absent') })).rejects.toThrow(
      'is not a directory'
    );
  });
});

describe('readNode and symbolic links', () => {
  it('does not follow a link that climbs out of the root', async () => {
    const laid = await nodeRoot(
      al2Layout({ '/var/lib/kubelet/kubeconfig': { symlink: '../../../../outside' } })
    );
    roots.push(laid);
    await writeFile(join(laid.parent, 'outside'), 'secret');
    await chmod(join(laid.parent, 'outside'), 0o600);
    const snapshot = await readNode({ root: laid.root });
    expect(snapshot.node?.kubeconfig).toEqual({
      path: '/var/lib/kubelet/kubeconfig',
      found: false,
      problem:
        'symbolic link /var/lib/kubelet/kubeconfig -> ../../../../outside points outside the root; not followed',
    });
    expect(byControl(snapshot).get('3.1.1')?.status).toBe('manual');
  });

  it('resolves an absolute link from the root, as the node sees it', async () => {
    const { snapshot, node } = await read(
      al2Layout({
        '/etc/kubernetes/kubelet/kubelet-config.json': { symlink: '/etc/eks/kubelet.json' },
        '/etc/eks/kubelet.json': { text: JSON.stringify(kubeletConfig()), mode: 0o640 },
      })
    );
    expect(node.configFile).toMatchObject({
      found: true,
      mode: 0o640,
      via: ['/etc/kubernetes/kubelet/kubelet-config.json -> /etc/eks/kubelet.json'],
    });
    expect(node.config).toHaveLength(1);
    expect(byControl(snapshot).get('3.1.3')?.reason).toContain(
      '(via /etc/kubernetes/kubelet/kubelet-config.json -> /etc/eks/kubelet.json) has mode 640'
    );
  });

  it('gives up on a link loop', async () => {
    const { node } = await read(
      al2Layout({
        '/var/lib/kubelet/kubeconfig': { symlink: 'loop' },
        '/var/lib/kubelet/loop': { symlink: 'kubeconfig' },
      })
    );
    expect(node.kubeconfig).toMatchObject({ found: false });
    expect(node.kubeconfig?.found === false && node.kubeconfig.problem).toContain(
      'too many symbolic links'
    );
  });
});

describe('readNode and systemd precedence', () => {
  it('applies the /etc unit, same-named drop-ins from /etc, and an ExecStart= reset', async () => {
    const { node } = await read({
      '/usr/lib/systemd/system/kubelet.service':
        '[Service]\nExecStart=/usr/bin/kubelet --read-only-port=10255\n',
      '/etc/systemd/system/kubelet.service':
        '[Service]\nExecStart=/usr/bin/kubelet --anonymous-auth=true\n',
      '/usr/lib/systemd/system/kubelet.service.d/20-args.conf':
        '[Service]\nEnvironment=ARGS=--read-only-port=10255\n',
      '/etc/systemd/system/kubelet.service.d/20-args.conf':
        '[Service]\nEnvironment="ARGS=--read-only-port=0"\n',
      '/usr/lib/systemd/system/kubelet.service.d/30-exec.conf': `[Service]
ExecStart=
ExecStart=-/usr/bin/kubelet \\
# a comment inside the continuation
    --rotate-certificates false $ARGS "--node-labels=a=b c"
[Install]
ExecStart=/usr/bin/not-kubelet --anonymous-auth=true
`,
    });
    expect(node.units).toEqual([
      '/etc/systemd/system/kubelet.service',
      '/etc/systemd/system/kubelet.service.d/20-args.conf',
      '/usr/lib/systemd/system/kubelet.service.d/30-exec.conf',
    ]);
    const exec = '/usr/lib/systemd/system/kubelet.service.d/30-exec.conf';
    expect(node.flags).toEqual([
      { name: 'rotate-certificates', origin: exec },
      {
        name: 'read-only-port',
        value: '0',
        origin: '/etc/systemd/system/kubelet.service.d/20-args.conf',
      },
      { name: 'node-labels', value: 'a=b c', origin: exec },
    ]);
  });
});
