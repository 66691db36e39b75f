// The shell: sign-in gate, navigation, theme switch and the page for the current path.
// Pages other than login are loaded on demand to keep the first download small.
import { lazy, Suspense, useEffect, useState } from 'react';
import { onUnauthorized } from './api/client';
import type { Me } from './api/types';
import { Login } from './pages/Login';
import { Link, match, navigate, useLocation } from './router';
import { logout, whoAmI } from './session';
import { applyTheme, storedTheme, type Theme } from './theme';

const Overview = lazy(() => import('./pages/Overview'));
const Apps = lazy(() => import('./pages/Apps'));
const AppDetail = lazy(() => import('./pages/AppDetail'));
const NewApp = lazy(() => import('./pages/NewApp'));
const Settings = lazy(() => import('./pages/Settings'));

function Page({ path, me }: { path: string; me: Me }) {
  if (path === '/' || path === '/overview') return <Overview />;
  if (path === '/apps') return <Apps />;
  if (path === '/apps/new') return <NewApp />;
  const app = match('/apps/:id', path);
  if (app) return <AppDetail id={app.id} />;
  if (path === '/settings') return <Settings me={me} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no page at {path}. <Link href="/">Go to the overview</Link>.</p>
    </section>
  );
}

function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(storedTheme());
  return (
    <label className="theme">
      Theme{' '}
      <select value={theme} onChange={(e) => { const t = e.target.value as Theme; setTheme(t); applyTheme(t); }}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

export function App() {
  const { path } = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    whoAmI().then(setMe).catch((e) => { setBootError(String(e.message ?? e)); setMe(null); });
    return onUnauthorized(() => setMe(null));
  }, []);

  if (me === undefined) return <p className="boot" role="status">Loading…</p>;
  if (me === null) return <Login notice={bootError} onSignedIn={(m) => { setMe(m); if (path === '/login') navigate('/', true); }} />;

  const nav = [['/', 'Overview'], ['/apps', 'Apps'], ['/settings', 'Settings']];
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Rivetr</span>
        <nav aria-label="Main">
          {nav.map(([href, label]) => (
            <Link key={href} href={href} aria-current={current(href) ? 'page' : undefined}>{label}</Link>
          ))}
        </nav>
        <span className="spacer" />
        <ThemeSwitch />
        <span className="who" title={`role: ${me.role}`}>{me.name}</span>
        <button type="button" onClick={() => logout().then(() => setMe(null))}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Page path={path} me={me} />
        </Suspense>
      </main>
    </div>
  );
}
