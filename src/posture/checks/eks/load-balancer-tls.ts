import type { Check } from '../../check/types.js';
import { cis, clusterRef } from './eks-view.js';

/**
 * CIS 5.4.5 is a manual control: TLS on load balancers is set per Service and Ingress (their
 * annotations) and in the load balancers' listeners, not in the cluster's configuration. The
 * result names what to look at, and EKS Auto Mode's load balancing when the data states it.
 */
export const check: Check = {
  id: 'eks-load-balancer-tls',
  title: 'Traffic to HTTPS load balancers should be encrypted with TLS',
  severity: 'medium',
  controls: [cis('5.4.5')],
  remediation:
    'Give every internet-facing load balancer a TLS listener: the service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation on LoadBalancer Services, alb.ingress.kubernetes.io/certificate-arn (or spec.tls) on Ingresses.',
  run: (snapshot) => {
    const eks = snapshot.eks;
    if (eks === undefined) {
      return [];
    }
    const autoMode = eks.cluster.kubernetesNetworkConfig?.elasticLoadBalancing?.enabled;
    const prefix =
      autoMode === true
        ? 'EKS Auto Mode load balancing is enabled; '
        : autoMode === false
          ? 'EKS Auto Mode load balancing is disabled (the AWS Load Balancer Controller or the in-tree provider makes load balancers); '
          : '';
    return [
      {
        status: 'manual',
        resource: clusterRef(eks),
        reason: `${prefix}TLS is set per Service and Ingress, which the EKS configuration does not show: check that LoadBalancer Services carry service.beta.kubernetes.io/aws-load-balancer-ssl-cert and Ingresses a certificate (alb.ingress.kubernetes.io/certificate-arn or spec.tls)`,
      },
    ];
  },
};
