import { CopyButton, SecretOnce } from './settings-parts.js';

/** The absolute URL of a webhook path, as the API server outside must call it. */
export function webhookUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/** The kubeconfig the API server's `--audit-webhook-config-file` names. */
export function webhookKubeconfig(url: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: palisade',
    '    cluster:',
    `      server: ${url}`,
    'users:',
    '  - name: kube-apiserver',
    '    user:',
    `      token: ${token}`,
    'contexts:',
    '  - name: palisade',
    '    context:',
    '      cluster: palisade',
    '      user: kube-apiserver',
    'current-context: palisade',
  ].join('\n');
}

const apiServerFlags = [
  '--audit-policy-file=/etc/kubernetes/audit-policy.yaml',
  '--audit-webhook-config-file=/etc/kubernetes/palisade-audit-webhook.yaml',
  '--audit-webhook-batch-max-size=400',
].join('\n');

/**
 * A cluster's new audit-webhook token, shown once, with its URL and how to wire the API server
 * to it. EKS runs the API server itself: its audit logs come through CloudWatch instead.
 */
export function WebhookToken({
  clusterName,
  source,
  path,
  token,
  onDone,
}: {
  clusterName: string;
  source: string;
  path: string;
  token: string;
  onDone: () => void;
}) {
  const url = webhookUrl(path);
  const kubeconfig = webhookKubeconfig(url, token);
  return (
    <SecretOnce label={`The audit-webhook token of “${clusterName}”`} value={token} onDone={onDone}>
      <p>
        Audit-webhook URL: <code data-testid="webhook-url">{url}</code>
      </p>
      {source === 'eks' ? (
        <p>
          Amazon EKS runs the API server, so its flags cannot be set: the cluster’s audit logs reach
          Palisade through the CloudWatch Logs pipeline that comes with the AWS connector. This URL
          and token serve a self-managed API server.
        </p>
      ) : (
        <>
          <p>
            Save this kubeconfig on the control-plane nodes as
            /etc/kubernetes/palisade-audit-webhook.yaml (it holds the token):
          </p>
          <pre className="snippet" aria-label="Audit webhook kubeconfig">
            {kubeconfig}
          </pre>
          <CopyButton text={kubeconfig} label="Copy the kubeconfig" />
          <p>Then start kube-apiserver with an audit policy and these flags:</p>
          <pre className="snippet" aria-label="kube-apiserver flags">
            {apiServerFlags}
          </pre>
          {window.location.protocol !== 'https:' && (
            <p className="warning">
              This page is served over plain HTTP: put Palisade behind TLS before the API server
              sends it audit events and this token across a network.
            </p>
          )}
        </>
      )}
    </SecretOnce>
  );
}
