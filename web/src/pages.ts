import { lazy, type ComponentType } from 'react';

/** What every page is given: the URL it is showing, and what to do when the token is refused. */
export interface PageProps {
  location: URL;
  onUnauthorized: () => void;
}

export interface PageEntry {
  /** The first path segment the page owns: `/alerts` owns `/alerts?…` and `/alerts/…`. */
  path: string;
  label: string;
  component: ComponentType<PageProps>;
}

/**
 * The navigation, in order; the first entry is the home page. Each page is its own chunk, loaded
 * when first shown, so signing in downloads the shell and the overview only.
 */
export const home: PageEntry = {
  path: '/',
  label: 'Overview',
  component: lazy(() => import('./pages/overview.js').then((m) => ({ default: m.OverviewPage }))),
};

export const pages: readonly PageEntry[] = [
  home,
  {
    path: '/inventory',
    label: 'Inventory',
    component: lazy(() =>
      import('./pages/inventory.js').then((m) => ({ default: m.InventoryPage }))
    ),
  },
  {
    path: '/vulnerabilities',
    label: 'Vulnerabilities',
    component: lazy(() =>
      import('./pages/vulnerabilities.js').then((m) => ({ default: m.VulnerabilitiesPage }))
    ),
  },
  {
    path: '/recommendations',
    label: 'Recommendations',
    component: lazy(() =>
      import('./pages/recommendations.js').then((m) => ({ default: m.RecommendationsPage }))
    ),
  },
  {
    path: '/alerts',
    label: 'Alerts',
    component: lazy(() => import('./pages/alerts.js').then((m) => ({ default: m.AlertsPage }))),
  },
  {
    path: '/settings',
    label: 'Settings',
    component: lazy(() =>
      import('./pages/settings/settings.js').then((m) => ({ default: m.SettingsPage }))
    ),
  },
];
