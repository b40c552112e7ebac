import { navigate } from '../router.js';
import type { ClusterInventory, InventorySummary } from '../types.js';
import { internalLink, inventoryLink, type InventoryFilters } from './inventory-filters.js';

function matches(cluster: ClusterInventory, q: string): boolean {
  const text = q.toLowerCase();
  return [cluster.name, cluster.accountId, cluster.region, cluster.source].some(
    (value) => value !== undefined && value.toLowerCase().includes(text)
  );
}

function ClusterRows({ clusters }: { clusters: ClusterInventory[] }) {
  return (
    <>
      {clusters.map((cluster) => (
        <tr key={cluster.id}>
          <th scope="row">
            <a {...internalLink(navigate, inventoryLink({ tab: 'nodes', cluster: cluster.id }))}>
              {cluster.name}
            </a>
          </th>
          <td>{cluster.source}</td>
          <td>{cluster.region ?? '—'}</td>
          <td>{cluster.nodes}</td>
          <td>{cluster.vcpus}</td>
          <td>{cluster.nodeGroups}</td>
          <td>
            <a
              {...internalLink(navigate, inventoryLink({ tab: 'workloads', cluster: cluster.id }))}
            >
              {cluster.workloads}
            </a>
          </td>
          <td>
            <a
              {...internalLink(
                navigate,
                `/recommendations?cluster=${encodeURIComponent(cluster.id)}&status=failing`
              )}
              aria-label={`${cluster.failingRecommendations} failing recommendations in ${cluster.name}`}
            >
              {cluster.failingRecommendations}
            </a>
          </td>
          <td>
            <a
              {...internalLink(
                navigate,
                `/alerts?status=new,in_progress&cluster=${encodeURIComponent(cluster.id)}`
              )}
              aria-label={`${cluster.openAlerts} open alerts in ${cluster.name}`}
            >
              {cluster.openAlerts}
            </a>
          </td>
          <td>{cluster.lastAssessedAt?.replace('T', ' ').slice(0, 16) ?? 'not yet'}</td>
        </tr>
      ))}
    </>
  );
}

/** Clusters by cloud account, with their sizes and what is open on them; then the registries. */
export function ClustersTab({
  summary,
  filters,
}: {
  summary: InventorySummary | undefined;
  filters: InventoryFilters;
}) {
  if (summary === undefined) {
    return <p aria-busy="true">Loading the inventory…</p>;
  }
  const accounts = summary.accounts
    .map((account) => ({
      ...account,
      clusters: account.clusters.filter(
        (cluster) =>
          (filters.cluster === '' || cluster.id === filters.cluster) &&
          (filters.q === '' || matches(cluster, filters.q))
      ),
    }))
    .filter((account) => account.clusters.length > 0);
  return (
    <>
      {accounts.length === 0 ? (
        <p>No clusters match.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Clusters">
            <thead>
              <tr>
                <th scope="col">Cluster</th>
                <th scope="col">Source</th>
                <th scope="col">Region</th>
                <th scope="col">Nodes</th>
                <th scope="col">vCPUs</th>
                <th scope="col">Node groups</th>
                <th scope="col">Workloads</th>
                <th scope="col">Failing checks</th>
                <th scope="col">Open alerts</th>
                <th scope="col">Last assessed</th>
              </tr>
            </thead>
            {accounts.map((account) => (
              <tbody key={account.accountId ?? ''}>
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={10}>
                    {account.accountId !== undefined
                      ? `Account ${account.accountId}`
                      : 'No cloud account'}
                  </th>
                </tr>
                <ClusterRows clusters={account.clusters} />
              </tbody>
            ))}
          </table>
        </div>
      )}
      <h2>Registries</h2>
      {summary.registries.length === 0 ? (
        <p>No registries yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Registries">
            <thead>
              <tr>
                <th scope="col">Registry</th>
                <th scope="col">URL</th>
                <th scope="col">Repositories</th>
                <th scope="col">Images</th>
                <th scope="col">With critical or high</th>
              </tr>
            </thead>
            <tbody>
              {summary.registries.map((registry) => (
                <tr key={registry.id}>
                  <th scope="row">
                    <a
                      {...internalLink(
                        navigate,
                        inventoryLink({ tab: 'images', registry: registry.id })
                      )}
                    >
                      {registry.name}
                    </a>
                  </th>
                  <td>{registry.url}</td>
                  <td>{registry.repositories}</td>
                  <td>{registry.images}</td>
                  <td>{registry.vulnerableImages}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
