import { useEffect, useState } from 'react';
import { getJson } from '../api.js';
import type { PageProps } from '../pages.js';
import { navigate } from '../router.js';
import type { InventorySummary } from '../types.js';
import { useApiFailure } from '../use-api-failure.js';
import { ClustersTab } from './inventory-clusters.js';
import {
  internalLink,
  inventoryFiltersOf,
  inventoryLink,
  inventoryTabs,
  type InventoryFilters,
} from './inventory-filters.js';
import { ImagesTab } from './inventory-images.js';
import { NodesTab } from './inventory-nodes.js';
import { WorkloadsTab } from './inventory-workloads.js';

const searchHints: Record<InventoryFilters['tab'], string> = {
  clusters: 'Cluster, account or region',
  nodes: 'Name, node group, instance type, zone…',
  workloads: 'Name, namespace, container or image',
  images: 'Repository, tag or digest',
};

/** What the fleet is made of: accounts and clusters, nodes, workloads, registries and images. */
export function InventoryPage({ location, onUnauthorized }: PageProps) {
  const filters = inventoryFiltersOf(location);
  const [summary, setSummary] = useState<InventorySummary>();
  const [error, fail] = useApiFailure(onUnauthorized);
  const [typed, setTyped] = useState(filters.q);

  // The box follows the URL when it changes elsewhere (a deep link, back, another tab).
  useEffect(() => setTyped(filters.q), [filters.q]);

  useEffect(() => {
    let current = true;
    getJson<InventorySummary>('/api/v1/inventory/summary')
      .then((loaded) => current && setSummary(loaded))
      .catch(fail);
    return () => {
      current = false;
    };
  }, [fail]);

  const clusters = summary?.accounts.flatMap((account) => account.clusters) ?? [];
  const clusterNames = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
  const go = (change: Partial<InventoryFilters>) =>
    navigate(inventoryLink({ ...filters, ...change }));

  return (
    <div className="inventory">
      <h1>Inventory</h1>
      {summary !== undefined && (
        <p className="muted" data-testid="inventory-totals">
          {summary.totals.clusters} clusters · {summary.totals.nodes} nodes · {summary.totals.vcpus}{' '}
          vCPUs · {summary.totals.workloads} workloads · {summary.totals.registries} registries ·{' '}
          {summary.totals.images} images
        </p>
      )}
      <div role="tablist" aria-label="Inventory views" className="tabs">
        {inventoryTabs.map(([id, label]) => (
          <a
            key={id}
            role="tab"
            aria-selected={filters.tab === id}
            {...internalLink(navigate, inventoryLink({ tab: id, cluster: filters.cluster }))}
          >
            {label}
          </a>
        ))}
      </div>
      <form
        className="filters"
        role="search"
        aria-label="Filter the inventory"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: typed.trim() });
        }}
      >
        <label>
          Search{' '}
          <input
            type="search"
            value={typed}
            placeholder={searchHints[filters.tab]}
            maxLength={200}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        {filters.tab !== 'images' && (
          <label>
            Cluster{' '}
            <select
              value={filters.cluster}
              onChange={(event) => go({ cluster: event.target.value, group: '' })}
            >
              <option value="">Every cluster</option>
              {clusters.map((cluster) => (
                <option key={cluster.id} value={cluster.id}>
                  {cluster.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">Search</button>
      </form>
      {error !== undefined && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section role="tabpanel" aria-label={inventoryTabs.find(([id]) => id === filters.tab)?.[1]}>
        {filters.tab === 'clusters' && <ClustersTab summary={summary} filters={filters} />}
        {filters.tab === 'nodes' && (
          <NodesTab filters={filters} clusterNames={clusterNames} go={go} fail={fail} />
        )}
        {filters.tab === 'workloads' && <WorkloadsTab filters={filters} go={go} fail={fail} />}
        {filters.tab === 'images' && (
          <ImagesTab summary={summary} filters={filters} go={go} fail={fail} />
        )}
      </section>
    </div>
  );
}
