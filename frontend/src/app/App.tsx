// The root: the sign-in gate (which keeps the URL, so a deep link survives a sign-in), then the
// shell layout (navigation, theme, sign-out) around the route table.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../shared/api/client';
import type { Me } from '../shared/api/types';
import { MeContext } from '../shared/session/me';
import { Login } from '../features/auth/LoginPage';
import { Link, navigate, usePath } from '../shared/router';
import { preloadPage, routes, RouteTree } from './routes';
import { logout, whoAmI } from '../shared/session/session';
import { applyTheme, storedTheme, type Theme } from '../shared/theme';
import { useShortcuts } from '../shared/ui/shortcuts';

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

const NAV = [['/', 'Overview'], ['/apps', 'Apps'], ['/containers', 'Containers'], ['/images', 'Images'], ['/volumes', 'Volumes'], ['/networks', 'Networks'], ['/stacks', 'Stacks'], ['/hosts', 'Hosts'], ['/settings', 'Settings']] as const;

function Shell({ me, onSignOut, children }: { me: Me; onSignOut: () => void; children: ReactNode }) {
  const path = usePath();
  useShortcuts();
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Rivetr</span>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <Link key={href} href={href} aria-current={current(href) ? 'page' : undefined}>{label}</Link>
          ))}
        </nav>
        <span className="spacer" />
        <ThemeSwitch />
        <span className="who" title={`role: ${me.role}`}>{me.name}</span>
        <span className="hint keys" title="Keyboard shortcuts: / search, g a apps, g o overview, g s settings"><kbd>/</kbd> <kbd>g a</kbd></span>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}

export function App() {
  const path = usePath();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  const qc = useQueryClient();

  useEffect(() => {
    preloadPage(location.pathname, qc);
    whoAmI().then(setMe).catch((e) => { setBootError(String(e.message ?? e)); setMe(null); });
    return onUnauthorized(() => setMe(null));
  }, []);

  if (me === undefined) return <p className="boot" role="status">Loading…</p>;
  if (me === null) return <Login notice={bootError} onSignedIn={(m) => { setMe(m); if (path === '/login') navigate('/', true); }} />;
  return (
    <MeContext.Provider value={me}>
      <Shell me={me} onSignOut={() => void logout().then(() => setMe(null))}>
        <RouteTree nodes={routes} />
      </Shell>
    </MeContext.Provider>
  );
}
