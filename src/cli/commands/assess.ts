import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { severityOrder, type Severity } from '../../core/finding.js';
import { toolVersion } from '../../core/version.js';
import {
  assess,
  assessmentFormats,
  checks,
  eksDefaultExceptions,
  frameworkIds,
  readExceptionFile,
  readEks,
  readManifests,
  readNode,
  type Assessment,
  type Exception,
  type FrameworkId,
  type Snapshot,
} from '../../posture/index.js';
import { writeReport } from '../output.js';
import type { CliContext } from './scan-image.js';

interface AssessFlags {
  format: string;
  output?: string;
  framework: string;
  exceptions: string[];
  defaultExceptions: boolean;
  exitCode?: string;
}

interface ManifestFlags extends AssessFlags {
  namespace?: string;
}

interface NodeFlags extends AssessFlags {
  root: string;
}

interface EksFlags extends AssessFlags {
  cluster: string;
  nodegroup: string[];
  addon: string[];
  ecr: string[];
}

interface ClusterFlags extends AssessFlags {
  kubeconfig?: string;
  context?: string;
  timeout: string;
}

const postureSeverities: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Flags checked before any snapshot is read, so a typo fails at once. */
async function prepare(flags: AssessFlags): Promise<{
  frameworks?: FrameworkId[];
  exceptions: Exception[];
  threshold?: Severity;
  render: (assessment: Assessment, color: boolean) => string;
}> {
  const format = assessmentFormats.get(flags.format);
  if (!format) {
    throw new UsageError(
      `--format must be one of ${[...assessmentFormats.keys()].join(', ')}; got ${JSON.stringify(flags.format)}`
    );
  }
  let frameworks: FrameworkId[] | undefined;
  if (flags.framework !== 'all') {
    const asked = flags.framework.split(',').map((name) => name.trim());
    const unknown = asked.filter((name) => !(frameworkIds as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--framework must be all or a comma-separated list of ${frameworkIds.join(', ')}; got ${JSON.stringify(unknown[0])}`
      );
    }
    frameworks = asked as FrameworkId[];
  }
  let threshold: Severity | undefined;
  if (flags.exitCode !== undefined) {
    const severity = flags.exitCode.toLowerCase() as Severity;
    if (!postureSeverities.includes(severity)) {
      throw new UsageError(
        `--exit-code must be one of ${postureSeverities.join(', ')}; got ${JSON.stringify(flags.exitCode)}`
      );
    }
    threshold = severity;
  }
  const exceptions = [
    ...(flags.defaultExceptions ? eksDefaultExceptions : []),
    ...(await Promise.all(flags.exceptions.map((path) => readExceptionFile(path)))).flat(),
  ];
  return {
    ...(frameworks ? { frameworks } : {}),
    exceptions,
    ...(threshold ? { threshold } : {}),
    render: (assessment, color) => format.render(assessment, { color }),
  };
}

async function report(
  read: () => Promise<Snapshot>,
  flags: AssessFlags,
  context: CliContext
): Promise<number> {
  const prepared = await prepare(flags);
  const snapshot = await read();
  const assessment = assess(snapshot, {
    checks: [...checks.values()],
    exceptions: prepared.exceptions,
    toolVersion,
    ...(prepared.frameworks ? { frameworks: prepared.frameworks } : {}),
  });
  const color = flags.output === undefined && context.stdout.isTTY && !('NO_COLOR' in context.env);
  await writeReport(flags.output, prepared.render(assessment, color), context.stdout);
  const threshold = prepared.threshold;
  if (threshold === undefined) {
    return 0;
  }
  const limit = severityOrder.indexOf(threshold);
  return assessment.results.some(
    (result) => result.status === 'fail' && severityOrder.indexOf(result.severity) <= limit
  )
    ? 1
    : 0;
}

function addCommonOptions(command: Command): Command {
  return command
    .option(
      '-f, --format <format>',
      `output format: ${[...assessmentFormats.keys()].join(', ')}`,
      'table'
    )
    .option('-o, --output <file>', 'write the report to a file (written whole, or not at all)')
    .option(
      '--framework <ids>',
      `all, or a comma-separated list of ${frameworkIds.join(', ')}`,
      'all'
    )
    .option(
      '--exceptions <file>',
      'YAML file of exceptions (checks, controls, namespaces, kinds, names, labels, reason, expires); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      []
    )
    .option(
      '--no-default-exceptions',
      'do not exempt the EKS system components (aws-node, kube-proxy, coredns, …)'
    )
    .option(
      '--exit-code <severity>',
      'exit with 1 when a failed check is at or above this severity'
    );
}

export function registerAssess(
  program: Command,
  context: CliContext,
  setExit: (code: number) => void
): void {
  const command = program
    .command('assess')
    .description(
      'assess Kubernetes posture: CIS EKS, Pod Security Standards, Defender recommendations, RBAC, network'
    )
    .exitOverride();
  addCommonOptions(
    command
      .command('manifests')
      .description(
        'assess manifest files and directories (YAML or JSON; helm template and kustomize build output work)'
      )
      .argument('<paths...>', 'manifest files and directories; - for standard input')
      .option(
        '-n, --namespace <name>',
        'namespace for namespaced objects that name none, as kubectl apply -n'
      )
  ).action(async (paths: string[], flags: ManifestFlags) => {
    setExit(
      await report(
        () =>
          readManifests(paths, {
            stdin: context.stdin,
            ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
          }),
        flags,
        context
      )
    );
  });
  addCommonOptions(
    command
      .command('cluster')
      .description('assess a live cluster through its API server (read-only: list and get)')
      .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
      .option('--context <name>', 'kubeconfig context (default: its current-context)')
      .option('--timeout <seconds>', 'timeout of each API call', '30')
  ).action(async (flags: ClusterFlags) => {
    const timeout = Number(flags.timeout);
    if (!Number.isInteger(timeout) || timeout <= 0) {
      throw new UsageError(
        `--timeout must be a whole number of seconds, got ${JSON.stringify(flags.timeout)}`
      );
    }
    setExit(
      await report(
        async () => {
          // The Kubernetes client takes half a second to load; only this command needs it.
          const { readCluster } = await import('../../posture/sources/cluster/index.js');
          return readCluster({
            timeoutMs: timeout * 1000,
            env: context.env,
            logger: context.logger,
            ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
            ...(flags.context !== undefined ? { context: flags.context } : {}),
          });
        },
        flags,
        context
      )
    );
  });
  const repeatable = (value: string, previous: string[]): string[] => [...previous, value];
  addCommonOptions(
    command
      .command('eks')
      .description(
        'assess an EKS cluster’s AWS configuration from the JSON of the AWS CLI (CIS sections 2 and 5)'
      )
      .requiredOption('--cluster <file>', 'aws eks describe-cluster output')
      .option('--nodegroup <file>', 'aws eks describe-nodegroup output; repeatable', repeatable, [])
      .option('--addon <file>', 'aws eks describe-addon output; repeatable', repeatable, [])
      .option('--ecr <file>', 'aws ecr describe-repositories output; repeatable', repeatable, [])
  ).action(async (flags: EksFlags) => {
    setExit(
      await report(
        () =>
          readEks({
            cluster: flags.cluster,
            nodegroups: flags.nodegroup,
            addons: flags.addon,
            ecrRepositories: flags.ecr,
          }),
        flags,
        context
      )
    );
  });
  addCommonOptions(
    command
      .command('node')
      .description(
        'assess this worker node’s kubelet: its config file, flags and file permissions (CIS section 3)'
      )
      .option(
        '--root <dir>',
        'the node’s root filesystem, as mounted (a pod sees it at /host)',
        '/'
      )
  ).action(async (flags: NodeFlags) => {
    setExit(await report(() => readNode({ root: flags.root }), flags, context));
  });
}
