/**
 * `palisade assess node` end to end: an Amazon Linux 2 worker node's files, laid out under a
 * root the test makes, assessed through the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/posture/index.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import {
  al2Layout,
  hostname,
  kubeletConfig,
  nodeRoot,
  type NodeRoot,
} from '../harness/node-root.js';

let hardened: NodeRoot;
let weak: NodeRoot;

beforeAll(async () => {
  hardened = await nodeRoot(al2Layout());
  weak = await nodeRoot(
    al2Layout({
      '/etc/kubernetes/kubelet/kubelet-config.json': {
        text: JSON.stringify(
          kubeletConfig({
            authentication: {
              anonymous: { enabled: true },
              x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
            },
            readOnlyPort: 10255,
          })
        ),
        mode: 0o666,
      },
    })
  );
});

afterAll(async () => {
  await hardened.remove();
  await weak.remove();
});

async function assessNode(root: string): Promise<{ code: number; assessment: Assessment }> {
  const result = await runCliWithStdout([
    'assess',
    'node',
    '--root',
    root,
    '-f',
    'json',
    '--exit-code',
    'high',
  ]);
  return { code: result.code, assessment: JSON.parse(result.stdout) as Assessment };
}

const failing = (assessment: Assessment) =>
  assessment.results.filter((result) => result.status === 'fail').map((result) => result.check);

describe('palisade assess node', () => {
  it('passes a hardened node’s kubelet, named by its hostname, and says nothing of Kubernetes objects', async () => {
    const { code, assessment } = await assessNode(hardened.root);

    expect(code).toBe(0);
    expect(failing(assessment)).toEqual([]);
    expect(assessment.results.every((result) => result.check.startsWith('node-'))).toBe(true);
    expect(assessment.results[0]?.resource).toEqual({ kind: 'Node', name: hostname });
  });

  it('fails anonymous auth, the read-only port and a world-writable config, and exits 1 over high', async () => {
    const { code, assessment } = await assessNode(weak.root);

    expect(code).toBe(1);
    expect(failing(assessment).sort()).toEqual([
      'node-anonymous-auth',
      'node-config-permissions',
      'node-read-only-port',
    ]);
    const anonymous = assessment.results.find((result) => result.check === 'node-anonymous-auth');
    expect(anonymous?.controls).toEqual([{ framework: 'cis-eks-1.8.0', id: '3.2.1' }]);
    expect(anonymous?.reason).toContain('/etc/kubernetes/kubelet/kubelet-config.json');
  });

  it('exits 2 for a root that is not a directory', async () => {
    const result = await runCli(['assess', 'node', '--root', `${hardened.parent}/nothing`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${hardened.parent}/nothing`);
  });
});
