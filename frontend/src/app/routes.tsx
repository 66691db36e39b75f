// The dashboard's one route table: every page, its path, the layout around it, loaded on demand.
// A node with `children` is a nested section: its layout wraps its children, whose paths are
// relative to it; an unknown path at any level gets the not-found page.
import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { containersListQuery } from '../features/containers/listQuery';
import { Link, usePath } from '../shared/router';

type PageModule = { default: ComponentType };

export interface RouteNode {
  path: string;
  /** A page loaded on demand (its own chunk); `page` is one already loaded. */
  load?: () => Promise<PageModule>;
  page?: ComponentType;
  /** The page's first query, asked at boot beside "who is signed in" instead of after it (no waterfall). */
  data?: (qc: QueryClient) => void;
  layout?: ComponentType<{ children: ReactNode }>;
  children?: RouteNode[];
}

const overview = () => import('../features/overview/OverviewPage');

export const routes: RouteNode[] = [
  { path: '/', load: overview },
  { path: '/overview', load: overview },
  {
    path: '/apps',
    children: [
      { path: '/', load: () => import('../features/apps/pages/AppsPage') },
      { path: '/new', load: () => import('../features/apps/pages/NewAppPage') },
      { path: '/:id', load: () => import('../features/apps/pages/AppDetailPage') },
    ],
  },
  { path: '/hosts', load: () => import('../features/hosts/HostsPage') },
  { path: '/images', load: () => import('../features/images/ImagesPage') },
  {
    path: '/networks',
    children: [
      { path: '/', load: () => import('../features/networks/pages/NetworksPage') },
      { path: '/:id', load: () => import('../features/networks/pages/NetworkDetailPage') },
    ],
  },
  {
    path: '/stacks',
    children: [
      { path: '/', load: () => import('../features/stacks/pages/StacksPage') },
      { path: '/new', load: () => import('../features/stacks/pages/NewStackPage') },
      { path: '/:name', load: () => import('../features/stacks/pages/StackPage') },
    ],
  },
  // Before any /volumes section: the volume browser (features/volume-files), linked from a volume's page.
  { path: '/volumes/:name/files', load: () => import('../features/volume-files/VolumeFilesPage') },
  {
    path: '/volumes',
    children: [
      { path: '/', load: () => import('../features/volumes/VolumesPage') },
      { path: '/:name', load: () => import('../features/volumes/VolumeDetailPage') },
    ],
  },
  { path: '/settings', load: () => import('../features/settings/SettingsPage') },
  {
    path: '/containers',
    children: [
      { path: '/', load: () => import('../features/containers/pages/ContainersPage'),
        data: (qc) => void qc.prefetchQuery(containersListQuery) },
      { path: '/new', load: () => import('../features/containers/pages/ContainerWizardPage') },
      { path: '/:id', load: () => import('../features/containers/pages/ContainerDetailPage') },
      { path: '/:id/terminal', load: () => import('../features/terminal/TerminalPage') },
    ],
  },
];

const lazyPages = new Map<RouteNode['load'], LazyExoticComponent<ComponentType>>();
// Pages whose chunk has arrived: rendered directly, without a round through Suspense.
const loadedPages = new Map<RouteNode['load'], ComponentType>();
function pageOf(n: RouteNode): ComponentType | undefined {
  if (!n.load) return n.page;
  const loaded = loadedPages.get(n.load);
  if (loaded) return loaded;
  if (!lazyPages.has(n.load)) lazyPages.set(n.load, lazy(() => load(n)));
  return lazyPages.get(n.load);
}

function load(n: RouteNode): Promise<PageModule> {
  return n.load!().then((m) => { loadedPages.set(n.load, m.default); return m; });
}

const segments = (p: string) => p.split('/').filter(Boolean);
function matches(pattern: string, path: string): boolean {
  const p = segments(pattern), s = segments(path);
  return p.length === s.length && p.every((x, i) => x.startsWith(':') || x === s[i]);
}

/** Starts loading the page of `path` and, given the query cache, its first data (a first visit loads both
 * while it asks who is signed in; a 401 there signs out as that answer would). */
export function preloadPage(path: string, qc: QueryClient | null, nodes: RouteNode[] = routes, base = ''): void {
  for (const n of nodes) {
    const full = base + (n.path === '/' ? '' : n.path);
    if (n.children) {
      if (path === full || path.startsWith(full + '/')) return preloadPage(path, qc, n.children, full);
    } else if (matches(full || '/', path)) {
      if (n.load) void load(n).catch(() => undefined); // a failed preload is retried by the page itself
      if (qc && n.data) n.data(qc);
      return;
    }
  }
}

export function NotFound() {
  const path = usePath();
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no page at {path}. <Link href="/">Go to the overview</Link>.</p>
    </section>
  );
}

const Loading = () => <p role="status">Loading…</p>;

/** Renders a level of the table; pages load behind one Suspense per level. */
export function RouteTree({ nodes }: { nodes: RouteNode[] }) {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        {nodes.map((n) => {
          if (n.children) {
            const Layout = n.layout ?? PassThrough;
            return <Route key={n.path} path={n.path} nest><Layout><RouteTree nodes={n.children} /></Layout></Route>;
          }
          return <Route key={n.path} path={n.path} component={pageOf(n)} />;
        })}
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}

const PassThrough = ({ children }: { children: ReactNode }) => <>{children}</>;
