import type { Severity } from '../../../core/finding.js';
import type { Check, CheckResult, ResultStatus } from '../../check/types.js';
import type { KubeletConfig, NodeFile, NodeSnapshot } from '../../snapshot/node.js';
import type { ResourceRef } from '../../snapshot/types.js';

/** Shared parts of the node checks: the node's reference, settings as the kubelet resolves them. */

export function nodeRef(node: NodeSnapshot): ResourceRef {
  return { kind: 'Node', name: node.hostname ?? node.root };
}

export type SettingValue = string | number | boolean;

/** A kubelet setting as the kubelet would see it: a flag wins over the config file's layers. */
export type Setting =
  | { state: 'set'; value: SettingValue; shown: string; where: string }
  | { state: 'unset'; where: string }
  | { state: 'unknown'; why: string };

/** Where to read a setting: its flag and its KubeletConfiguration path. */
export interface SettingSource {
  flag: string;
  path: readonly string[];
}

export function kubeletSetting(node: NodeSnapshot, source: SettingSource): Setting {
  const flag = node.flags.findLast(({ name }) => name === source.flag);
  const field = source.path.join('.');
  if (flag !== undefined) {
    const value = flag.value ?? 'true';
    return {
      state: 'set',
      value,
      shown: `--${source.flag}=${value}`,
      where: `flag in ${flag.origin}${node.config !== undefined ? `, over the config file's ${field}` : ''}`,
    };
  }
  return configSetting(node, source.path, field, flagNote(node));
}

/**
 * A feature gate: `--feature-gates` (every occurrence, a later key wins) over the config
 * layers' `featureGates`.
 */
export function featureGate(node: NodeSnapshot, gate: string): Setting {
  let found: { value: string; origin: string } | undefined;
  for (const flag of node.flags) {
    if (flag.name !== 'feature-gates' || flag.value === undefined) {
      continue;
    }
    for (const pair of flag.value.split(',')) {
      const [key, value] = pair.split('=', 2).map((part) => part.trim());
      if (key === gate && value !== undefined) {
        found = { value, origin: flag.origin };
      }
    }
  }
  if (found !== undefined) {
    return {
      state: 'set',
      value: found.value,
      shown: `--feature-gates ${gate}=${found.value}`,
      where: `flag in ${found.origin}`,
    };
  }
  return configSetting(node, ['featureGates', gate], `featureGates.${gate}`, flagNote(node));
}

function configSetting(
  node: NodeSnapshot,
  path: readonly string[],
  field: string,
  flags: string
): Setting {
  if (node.config === undefined) {
    return {
      state: 'unknown',
      why: `${node.configProblem ?? 'the kubelet config file was not read'}${flags}`,
    };
  }
  for (const layer of [...node.config].reverse()) {
    const value = lookup(layer.config, path);
    if (value !== undefined) {
      return {
        state: 'set',
        value,
        shown: `${field}: ${String(value)}`,
        where: `in ${layer.file}`,
      };
    }
  }
  const files = node.config.map(({ file }) => file).join(', ');
  return { state: 'unset', where: `not set by a flag nor in ${files}${flags}` };
}

function flagNote(node: NodeSnapshot): string {
  return node.units.length === 0 ? ' (no kubelet systemd unit found, so flags were not read)' : '';
}

function lookup(config: KubeletConfig, path: readonly string[]): SettingValue | undefined {
  let current: unknown = config;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? current
    : undefined;
}

/** Go's strconv.ParseBool, which pflag uses for boolean flags; JSON booleans as they are. */
export function asBoolean(value: SettingValue): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return undefined;
  }
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) {
    return true;
  }
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) {
    return false;
  }
  return undefined;
}

export function asNumber(value: SettingValue, integer: boolean): number | undefined {
  if (typeof value === 'boolean') {
    return undefined;
  }
  const number = typeof value === 'number' ? value : Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') {
    return undefined;
  }
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number))) {
    return undefined;
  }
  return number;
}

/** A Go duration (`4h0m0s`, `0`, `1.5h`) in nanoseconds, or undefined when it is not one. */
export function goDurationNanos(value: SettingValue): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim().replace(/^[+-]/, '');
  if (text === '0') {
    return 0;
  }
  const units: Record<string, number> = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
  };
  const parts = /^(?:(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text)
    ? [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)]
    : undefined;
  if (parts === undefined) {
    return undefined;
  }
  return parts.reduce((sum, part) => sum + Number(part[1]) * (units[part[2] as string] ?? 0), 0);
}

/** A judgement of a set value: pass or fail with what it means, or manual when unreadable. */
export interface Verdict {
  status: ResultStatus;
  says: string;
}

export interface SettingCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  control: string;
  remediation: string;
  read: (node: NodeSnapshot) => Setting;
  /** What an unset setting means: pass (the default is safe) or fail (CIS wants it set). */
  unset: Verdict;
  judge: (value: SettingValue) => Verdict;
}

/** A check of one kubelet setting: one result per node snapshot. */
export function settingCheck(spec: SettingCheckSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    controls: [{ framework: 'cis-eks-1.8.0', id: spec.control }],
    remediation: spec.remediation,
    run: (snapshot) => {
      const node = snapshot.node;
      if (node === undefined) {
        return [];
      }
      const resource = nodeRef(node);
      const setting = spec.read(node);
      let result: CheckResult;
      if (setting.state === 'unknown') {
        result = { status: 'manual', resource, reason: `cannot tell: ${setting.why}` };
      } else if (setting.state === 'unset') {
        result = {
          status: spec.unset.status,
          resource,
          reason: `${spec.unset.says}: ${setting.where}`,
        };
      } else {
        const verdict = spec.judge(setting.value);
        result = {
          status: verdict.status,
          resource,
          reason: `${setting.shown} (${setting.where}): ${verdict.says}`,
        };
      }
      return [result];
    },
  };
}

export interface FileCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  control: string;
  remediation: string;
  /** The kubelet kubeconfig, or the config file with its drop-ins. */
  files: 'kubeconfig' | 'config';
  judge: (file: Extract<NodeFile, { found: true }>) => Verdict;
}

/**
 * A check of file modes or owners: one result per node. A file that is not there is `manual`
 * (the benchmark's audit only runs on a file that exists), never a fail.
 */
export function fileCheck(spec: FileCheckSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    controls: [{ framework: 'cis-eks-1.8.0', id: spec.control }],
    remediation: spec.remediation,
    run: (snapshot) => {
      const node = snapshot.node;
      if (node === undefined) {
        return [];
      }
      const resource = nodeRef(node);
      const main = spec.files === 'kubeconfig' ? node.kubeconfig : node.configFile;
      const from = (spec.files === 'kubeconfig' ? node.kubeconfigFrom : node.configFileFrom) ?? '';
      const what = spec.files === 'kubeconfig' ? 'kubelet kubeconfig' : 'kubelet config file';
      if (main === undefined) {
        return [{ status: 'manual', resource, reason: `${what} not found: ${from}` }];
      }
      const files = spec.files === 'config' ? [main, ...node.configDropIns] : [main];
      const verdicts = files.map((file): Verdict => {
        if (!file.found) {
          return { status: 'manual', says: `${file.path}: ${file.problem}` };
        }
        if (file.type !== 'file') {
          return { status: 'manual', says: `${file.path} is a ${file.type}, not a file` };
        }
        const verdict = spec.judge(file);
        const via = file.via.length > 0 ? ` (via ${file.via.join(', ')})` : '';
        return { status: verdict.status, says: `${file.path}${via} ${verdict.says}` };
      });
      const status: ResultStatus = verdicts.some((v) => v.status === 'fail')
        ? 'fail'
        : verdicts.some((v) => v.status === 'manual')
          ? 'manual'
          : 'pass';
      const reason = `${what} (${from}): ${verdicts.map(({ says }) => says).join('; ')}`;
      return [{ status, resource, reason }];
    },
  };
}

/** `0o644`-or-stricter: no permission bit outside rw-r--r--, and no setuid/setgid/sticky. */
export function modeVerdict(file: { mode: number }): Verdict {
  const shown = file.mode.toString(8).padStart(3, '0');
  return (file.mode & ~0o644) === 0
    ? { status: 'pass', says: `has mode ${shown}` }
    : { status: 'fail', says: `has mode ${shown}, more permissive than 644` };
}

export function ownerVerdict(file: { uid: number; gid: number }): Verdict {
  return file.uid === 0 && file.gid === 0
    ? { status: 'pass', says: 'is owned by root:root (0:0)' }
    : { status: 'fail', says: `is owned by ${file.uid}:${file.gid}, not root:root (0:0)` };
}
