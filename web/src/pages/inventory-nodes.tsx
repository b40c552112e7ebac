import { useEffect, useState } from 'react';
import { getJson } from '../api.js';
import type { FleetNode, NodeGroup, Page } from '../types.js';
import { apiPath, usePagedList } from '../use-paged-list.js';
import type { InventoryFilters } from './inventory-filters.js';

const loadPage = (path: string) => getJson<Page<FleetNode>>(path);
const pageSize = '50';

interface TabProps {
  filters: InventoryFilters;
  clusterNames: ReadonlyMap<string, string>;
  go: (change: Partial<InventoryFilters>) => void;
  fail: (failure: unknown) => void;
}

const list = (values: string[]) => (values.length === 0 ? '—' : values.join(', '));

/** Node groups (each a filter), then the nodes a page at a time. */
export function NodesTab({ filters, clusterNames, go, fail }: TabProps) {
  const [groups, setGroups] = useState<NodeGroup[]>();
  useEffect(() => {
    let current = true;
    getJson<{ items: NodeGroup[] }>(apiPath('/api/v1/node-groups', { cluster: filters.cluster }))
      .then((answer) => current && setGroups(answer.items))
      .catch(fail);
    return () => {
      current = false;
    };
  }, [filters.cluster, fail]);
  const { items: nodes, more } = usePagedList(
    apiPath('/api/v1/nodes', {
      cluster: filters.cluster,
      nodeGroup: filters.group,
      search: filters.q,
      limit: pageSize,
    }),
    loadPage,
    fail
  );
  const groupNames = [...new Set((groups ?? []).flatMap((group) => group.nodeGroup ?? []))].sort();

  return (
    <>
      <h2>Node groups</h2>
      {groups === undefined ? (
        <p aria-busy="true">Loading node groups…</p>
      ) : groups.length === 0 ? (
        <p>No nodes yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Node groups">
            <thead>
              <tr>
                <th scope="col">Node group</th>
                <th scope="col">Cluster</th>
                <th scope="col">Nodes</th>
                <th scope="col">vCPUs</th>
                <th scope="col">Capacity</th>
                <th scope="col">Architectures</th>
                <th scope="col">Instance types</th>
                <th scope="col">Zones</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr
                  key={`${group.clusterId}/${group.nodeGroup ?? ''}`}
                  aria-selected={group.nodeGroup !== undefined && group.nodeGroup === filters.group}
                >
                  <th scope="row">
                    {group.nodeGroup === undefined ? (
                      <span className="muted">no group</span>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => go({ group: group.nodeGroup, cluster: group.clusterId })}
                      >
                        {group.nodeGroup}
                      </button>
                    )}
                  </th>
                  <td>{clusterNames.get(group.clusterId) ?? group.clusterId}</td>
                  <td>{group.nodes}</td>
                  <td>{group.vcpus}</td>
                  <td>{list(group.capacityTypes)}</td>
                  <td>{list(group.architectures)}</td>
                  <td>{list(group.instanceTypes)}</td>
                  <td>{list(group.zones)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Nodes</h2>
      <div className="filters">
        <label>
          Node group{' '}
          <select value={filters.group} onChange={(event) => go({ group: event.target.value })}>
            <option value="">Any node group</option>
            {groupNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {nodes === undefined ? (
        <p aria-busy="true">Loading nodes…</p>
      ) : nodes.length === 0 ? (
        <p>No nodes match.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Nodes">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Cluster</th>
                <th scope="col">Node group</th>
                <th scope="col">Capacity</th>
                <th scope="col">Zone</th>
                <th scope="col">Instance type</th>
                <th scope="col">Architecture</th>
                <th scope="col">OS</th>
                <th scope="col">Kubelet</th>
                <th scope="col">vCPUs</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => (
                <tr key={`${node.clusterId}/${node.name}`}>
                  <th scope="row">{node.name}</th>
                  <td>{node.clusterName}</td>
                  <td>{node.nodeGroup ?? '—'}</td>
                  <td>{node.capacityType ?? '—'}</td>
                  <td>{node.zone ?? '—'}</td>
                  <td>{node.instanceType ?? '—'}</td>
                  <td>{node.architecture ?? '—'}</td>
                  <td>{node.osImage ?? node.operatingSystem ?? '—'}</td>
                  <td>{node.kubeletVersion ?? '—'}</td>
                  <td title={node.problem}>
                    {node.cpuMillicores !== undefined ? node.vcpus : '?'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more !== undefined && (
        <button type="button" onClick={more}>
          Load more
        </button>
      )}
    </>
  );
}
