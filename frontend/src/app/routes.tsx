// The dashboard's one route table: every page, its path, the layout around it, loaded on demand.
// A node with `children` is a nested section: its layout wraps its children, whose paths are
// relative to it; an unknown path at any level gets the not-found page.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { Link, useLocation } from '../shared/router';

export interface RouteNode {
  path: string;
  page?: ComponentType;
  layout?: ComponentType<{ children: ReactNode }>;
  children?: RouteNode[];
}

const Overview = lazy(() => import('../features/overview/OverviewPage'));
const Apps = lazy(() => import('../features/apps/pages/AppsPage'));
const AppDetail = lazy(() => import('../features/apps/pages/AppDetailPage'));
const NewApp = lazy(() => import('../features/apps/pages/NewAppPage'));
const Settings = lazy(() => import('../features/settings/SettingsPage'));

export const routes: RouteNode[] = [
  { path: '/', page: Overview },
  { path: '/overview', page: Overview },
  {
    path: '/apps',
    children: [
      { path: '/', page: Apps },
      { path: '/new', page: NewApp },
      { path: '/:id', page: AppDetail },
    ],
  },
  { path: '/settings', page: Settings },
];

export function NotFound() {
  const { path } = useLocation();
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
          return <Route key={n.path} path={n.path} component={n.page} />;
        })}
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}

const PassThrough = ({ children }: { children: ReactNode }) => <>{children}</>;
