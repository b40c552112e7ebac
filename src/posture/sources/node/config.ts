import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KubeletConfig } from '../../snapshot/node.js';

/**
 * The KubeletConfiguration fields the CIS checks read. Other fields are allowed and ignored (the
 * kubelet only warns about unknown ones); a field of the wrong type makes the file unreadable,
 * as it would stop the kubelet.
 */
const KubeletConfigSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  authentication: z
    .looseObject({
      anonymous: z.looseObject({ enabled: z.boolean().optional() }).optional(),
      x509: z.looseObject({ clientCAFile: z.string().optional() }).optional(),
    })
    .optional(),
  authorization: z.looseObject({ mode: z.string().optional() }).optional(),
  readOnlyPort: z.number().int().optional(),
  streamingConnectionIdleTimeout: z.string().optional(),
  makeIPTablesUtilChains: z.boolean().optional(),
  eventRecordQPS: z.number().optional(),
  rotateCertificates: z.boolean().optional(),
  featureGates: z.record(z.string(), z.boolean()).optional(),
});

/** YAML aliases one file may expand: a config has none, so a few is plenty. */
const maxAliases = 20;

/**
 * Parses a kubelet config file or drop-in: JSON for a `.json` name, else YAML (which reads
 * JSON too, as the kubelet's decoder does). Gives the fields the checks read, or why not.
 */
export function parseKubeletConfig(
  text: string,
  path: string
): { ok: true; config: KubeletConfig } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = path.endsWith('.json')
      ? JSON.parse(text)
      : parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: maxAliases });
  } catch (error) {
    const kind = path.endsWith('.json') ? 'JSON' : 'YAML';
    return { ok: false, problem: `${path} is not valid ${kind}: ${firstLine(error)}` };
  }
  if (value === null || value === undefined) {
    // An empty drop-in sets nothing.
    return { ok: true, config: {} };
  }
  const parsed = KubeletConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`
      )
      .join('; ');
    return { ok: false, problem: `${path} is not a kubelet configuration: ${problems}` };
  }
  const data = parsed.data;
  if (data.kind !== undefined && data.kind !== 'KubeletConfiguration') {
    return { ok: false, problem: `${path} is a ${data.kind}, not a KubeletConfiguration` };
  }
  const config: KubeletConfig = {};
  const anonymous = data.authentication?.anonymous?.enabled;
  const clientCAFile = data.authentication?.x509?.clientCAFile;
  if (anonymous !== undefined || clientCAFile !== undefined) {
    config.authentication = {
      ...(anonymous !== undefined ? { anonymous: { enabled: anonymous } } : {}),
      ...(clientCAFile !== undefined ? { x509: { clientCAFile } } : {}),
    };
  }
  if (data.authorization?.mode !== undefined) {
    config.authorization = { mode: data.authorization.mode };
  }
  if (data.readOnlyPort !== undefined) {
    config.readOnlyPort = data.readOnlyPort;
  }
  if (data.streamingConnectionIdleTimeout !== undefined) {
    config.streamingConnectionIdleTimeout = data.streamingConnectionIdleTimeout;
  }
  if (data.makeIPTablesUtilChains !== undefined) {
    config.makeIPTablesUtilChains = data.makeIPTablesUtilChains;
  }
  if (data.eventRecordQPS !== undefined) {
    config.eventRecordQPS = data.eventRecordQPS;
  }
  if (data.rotateCertificates !== undefined) {
    config.rotateCertificates = data.rotateCertificates;
  }
  if (data.featureGates !== undefined) {
    config.featureGates = { ...data.featureGates };
  }
  return { ok: true, config };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
