/**
 * What EKS writes to CloudWatch Logs: one log group per cluster, `/aws/eks/<name>/cluster`, and
 * one stream per control-plane component; only `kube-apiserver-audit-*` streams hold audit
 * events (the others are the API server's own log, the authenticator, the scheduler...).
 */
const auditStreamPrefix = 'kube-apiserver-audit-';
const eksLogGroup = /^\/aws\/eks\/([^/]+)\/cluster$/;

export function isAuditStream(logStream: string): boolean {
  return logStream.startsWith(auditStreamPrefix);
}

/** The cluster an EKS log group belongs to, or undefined for any other log group. */
export function clusterOfLogGroup(logGroup: string): string | undefined {
  return eksLogGroup.exec(logGroup)?.[1];
}

/** Subscription payloads of this type carry no log events, only a delivery check. */
export const controlMessageType = 'CONTROL_MESSAGE';

/**
 * The text a log event's `message` literal (quotes included) spells, or undefined when it is
 * not a JSON string literal. One `JSON.parse` of a string: the only unescaping there is.
 */
export function unescapeMessage(literal: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch {
    return undefined;
  }
  return typeof value === 'string' ? value : undefined;
}
