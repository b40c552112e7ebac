import type { AuditRule } from '../rule/types.js';
import { actorOf, describeRequest, outcomeOf } from '../rule/access-request.js';

/**
 * Kubernetes attack and pen-test tools, by the product token of their user agent (lower case).
 * Tools built on client-go send their binary's name as the product unless they set one, so a
 * release binary named `cdk_linux_amd64` sends `cdk_linux_amd64/...`: a name also matches when
 * followed by `_` or `.`. The agent is whatever the client chose to send: a careful attacker
 * changes it, so this catches the careless and the scripted.
 *
 * Stock kube-hunter sends python-requests' agent, far too common to report; it is listed for
 * forks and runs that name themselves.
 */
export const attackTools: Readonly<Record<string, string>> = {
  'kube-hunter': 'kube-hunter (Aqua Security cluster scanner)',
  kubehunter: 'kube-hunter (Aqua Security cluster scanner)',
  peirates: 'Peirates (Kubernetes privilege-escalation and lateral-movement tool)',
  kubesploit: 'Kubesploit (post-exploitation framework for containers)',
  kdigger: 'kdigger (context discovery tool for pods)',
  cdk: 'CDK (container and Kubernetes exploitation toolkit)',
  kubeletctl: 'kubeletctl (kubelet API attack tool)',
  kubiscan: 'KubiScan (RBAC risky-permission scanner)',
  botb: 'Break out the Box (container escape and exploitation tool)',
  kubestriker: 'Kubestriker (Kubernetes security auditing and exploitation tool)',
  kubestroyer: 'Kubestroyer (Kubernetes exploitation tool)',
};

const maxAgent = 512;
const cacheLimit = 512;

/**
 * Agents repeat: a cluster sees a few dozen distinct ones. Each is parsed once and remembered
 * (the cache is dropped when full, so a flood of random agents costs a parse each, no memory).
 */
const seen = new Map<string, string | null>();

/** The listed tool whose name is a product token of the agent, or undefined. */
export function attackToolOf(userAgent: string): string | undefined {
  let tool = seen.get(userAgent);
  if (tool === undefined) {
    tool = parseTool(userAgent) ?? null;
    if (seen.size >= cacheLimit) {
      seen.clear();
    }
    seen.set(userAgent, tool);
  }
  return tool ?? undefined;
}

/** Product tokens are `name/version` outside parenthesised comments: `kubectl/v1.30.2 (linux)`. */
function parseTool(userAgent: string): string | undefined {
  const tokens = userAgent
    .slice(0, maxAgent)
    .replace(/\([^)]*\)?/g, ' ')
    .split(/\s+/);
  for (const token of tokens) {
    const slash = token.indexOf('/');
    const product = (slash >= 0 ? token.slice(0, slash) : token).toLowerCase();
    const tool = toolNamed(product);
    if (tool !== undefined) {
      return tool;
    }
  }
  return undefined;
}

function toolNamed(product: string): string | undefined {
  if (product === '') {
    return undefined;
  }
  if (Object.hasOwn(attackTools, product)) {
    return product;
  }
  const cut = product.search(/[_.]/);
  const stem = cut > 0 ? product.slice(0, cut) : undefined;
  return stem !== undefined && Object.hasOwn(attackTools, stem) ? stem : undefined;
}

/**
 * A request whose user agent names an attack tool. About attempts: a scan is mostly denied
 * requests, and each says someone is probing, so every outcome fires and the outcome is told.
 */
export const rule: AuditRule = {
  id: 'attack-tool',
  title: 'Request from a Kubernetes attack tool',
  description:
    'A request to the API server carried the user agent of a known Kubernetes attack or ' +
    'penetration-testing tool (kube-hunter, Peirates, Kubesploit, kdigger, CDK, ...). Unless a ' +
    'sanctioned test is running, someone is probing the cluster, allowed or not.',
  severity: 'low',
  mitre: ['T1613'],
  equivalents: { defender: 'K8S_PenTestToolsKubeHunter' },
  on: { resources: ['*', '-'], verbs: ['*'] },
  evaluate(event) {
    const agent = event.userAgent;
    if (typeof agent !== 'string' || agent === '') {
      return undefined;
    }
    const tool = attackToolOf(agent);
    if (tool === undefined) {
      return undefined;
    }
    const shown = agent.length > 200 ? `${agent.slice(0, 200)}…` : agent;
    const outcome = outcomeOf(event);
    return {
      message:
        `${actorOf(event)} used ${attackTools[tool] ?? tool} to ${describeRequest(event)} ` +
        `(outcome: ${outcome}).`,
      fields: { tool, userAgent: shown, outcome },
    };
  },
};
