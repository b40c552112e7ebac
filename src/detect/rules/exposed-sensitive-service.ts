import { resultingObject } from '../audit/fields.js';
import type { AuditRule } from '../rule/types.js';
import { isPlatformRequest } from '../audit/platform.js';
import { describeRequest, listOf } from '../rule/workload-describe.js';
import {
  describeExposure,
  describePort,
  exposureOf,
  portsOf,
  type ServicePort,
} from '../rule/workload-exposure.js';
import { isBuiltIn, isEffectiveWrite, writeVerbs } from '../rule/workload-requests.js';

/**
 * Services that hold data or run code and were never meant for the internet, by their
 * well-known port and by the port names their charts give them.
 */
const sensitiveServices: readonly {
  name: string;
  ports: readonly number[];
  names: readonly string[];
}[] = [
  { name: 'Redis', ports: [6379], names: ['redis'] },
  { name: 'PostgreSQL', ports: [5432], names: ['postgres', 'postgresql', 'tcp-postgresql'] },
  { name: 'MySQL', ports: [3306], names: ['mysql', 'mariadb'] },
  { name: 'MongoDB', ports: [27017], names: ['mongodb', 'mongo'] },
  { name: 'Microsoft SQL Server', ports: [1433], names: ['mssql'] },
  { name: 'Oracle Database', ports: [1521], names: [] },
  { name: 'Elasticsearch', ports: [9200, 9300], names: ['elasticsearch'] },
  { name: 'Cassandra', ports: [9042], names: ['cql'] },
  { name: 'CouchDB', ports: [5984], names: ['couchdb'] },
  { name: 'InfluxDB', ports: [8086], names: ['influxdb'] },
  { name: 'Memcached', ports: [11211], names: ['memcached', 'memcache'] },
  { name: 'ZooKeeper', ports: [2181], names: ['zookeeper'] },
  { name: 'etcd', ports: [2379, 2380], names: ['etcd', 'etcd-client', 'etcd-peer'] },
  { name: 'kubelet API', ports: [10250, 10255], names: ['kubelet'] },
  { name: 'Docker API', ports: [2375, 2376], names: ['docker'] },
];

function sensitiveServiceOf(port: ServicePort): string | undefined {
  const name = port.name.toLowerCase();
  const found = sensitiveServices.find(
    (service) =>
      (port.port !== undefined && service.ports.includes(port.port)) ||
      (typeof port.targetPort === 'number' && service.ports.includes(port.targetPort)) ||
      service.names.includes(name) ||
      (typeof port.targetPort === 'string' && service.names.includes(port.targetPort.toLowerCase()))
  );
  return found?.name;
}

export const rule: AuditRule = {
  id: 'exposed-sensitive-service',
  title: 'Sensitive service exposed',
  description:
    'A LoadBalancer, NodePort or externalIPs Service was written that exposes a well-known ' +
    'data store or control interface (Redis, PostgreSQL, MySQL, MongoDB, Elasticsearch, etcd, ' +
    'the kubelet, the Docker API...). These are scanned for from the whole internet within ' +
    "minutes and often run without authentication. It covers Defender's narrower " +
    'K8S_ExposedRedis, K8S_ExposedPostgresTrustAuth and K8S_ExposedPostgresBroadIPRange too; ' +
    'a LoadBalancer kept internal by annotation, or limited by source ranges no wider than a ' +
    '/8, is not exposed.',
  severity: 'medium',
  mitre: ['T1133', 'T1190'],
  equivalents: { defender: 'K8S_ExposedService' },
  on: { resources: ['services'], verbs: writeVerbs },
  evaluate(event) {
    if (!isEffectiveWrite(event, writeVerbs) || !isBuiltIn(event) || isPlatformRequest(event)) {
      return undefined;
    }
    const object = resultingObject(event);
    const exposure = object !== undefined ? exposureOf(object) : undefined;
    if (object === undefined || exposure === undefined) {
      return undefined;
    }
    const found = portsOf(object).flatMap((port) => {
      const service = sensitiveServiceOf(port);
      return service !== undefined ? [{ service, port: describePort(port) }] : [];
    });
    if (found.length === 0) {
      return undefined;
    }
    const described = listOf(found.map(({ service, port }) => `${service} (port ${port})`));
    return {
      message: `${describeRequest(event)} exposing ${described} through ${describeExposure(exposure)}`,
      fields: {
        exposure,
        service: listOf(found.map(({ service }) => service)),
        ports: listOf(found.map(({ port }) => port)),
      },
    };
  },
};
