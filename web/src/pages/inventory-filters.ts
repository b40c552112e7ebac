export const inventoryTabs = [
  ['clusters', 'Accounts & clusters'],
  ['nodes', 'Nodes'],
  ['workloads', 'Workloads'],
  ['images', 'Registries & images'],
] as const;
export type InventoryTab = (typeof inventoryTabs)[number][0];

/** Everything the page shows is named by the URL: `?tab=nodes&cluster=…&group=…&q=…`. */
export interface InventoryFilters {
  tab: InventoryTab;
  cluster: string;
  q: string;
  group: string;
  namespace: string;
  kind: string;
  registry: string;
  repository: string;
}

const keys = ['cluster', 'q', 'group', 'namespace', 'kind', 'registry', 'repository'] as const;

export function inventoryFiltersOf(location: URL): InventoryFilters {
  const tab = location.searchParams.get('tab');
  const filters: InventoryFilters = {
    tab: inventoryTabs.find(([id]) => id === tab)?.[0] ?? 'clusters',
    cluster: '',
    q: '',
    group: '',
    namespace: '',
    kind: '',
    registry: '',
    repository: '',
  };
  for (const key of keys) {
    filters[key] = location.searchParams.get(key) ?? '';
  }
  return filters;
}

export function inventoryLink(filters: Partial<InventoryFilters>): string {
  const query = new URLSearchParams({ tab: filters.tab ?? 'clusters' });
  for (const key of keys) {
    const value = filters[key];
    if (value !== undefined && value !== '') {
      query.set(key, value);
    }
  }
  return `/inventory?${query.toString()}`;
}

/** A link that moves within the app without reloading it. */
export function internalLink(navigateTo: (to: string) => void, to: string) {
  return {
    href: to,
    onClick: (event: { preventDefault(): void; metaKey?: boolean; ctrlKey?: boolean }) => {
      if (event.metaKey === true || event.ctrlKey === true) {
        return;
      }
      event.preventDefault();
      navigateTo(to);
    },
  };
}
