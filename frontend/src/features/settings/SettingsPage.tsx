// Settings: for admins API tokens (created, shown once, revoked), users and their roles, the audit
// log and the Docker create policy; for every signed-in user their own password and two-factor authentication.
import { navigate, useLocation } from '../../shared/router';
import { useMe } from '../../shared/session/me';
import { panelId, tabId, Tabs } from '../../shared/ui/Tabs';
import { Audit } from './components/Audit';
import { DockerPolicy } from './components/DockerPolicy';
import { Password } from './components/Password';
import { Tokens } from './components/Tokens';
import { TwoFactor } from './components/TwoFactor';
import { Users } from './components/Users';

const ADMIN_TABS = [['tokens', 'API tokens'], ['users', 'Users and roles'], ['audit', 'Audit log'], ['docker', 'Docker policy']] as const;
const OWN_TABS = [['password', 'Password'], ['security', 'Two-factor authentication']] as const;

export default function SettingsPage() {
  const me = useMe();
  const { query } = useLocation();
  // Every user manages their own password and second factor; the rest of the settings are for admins.
  const isAdmin = me.role === 'admin' || me.role === 'unknown';
  const tabs: readonly (readonly [string, string])[] = isAdmin ? [...ADMIN_TABS, ...OWN_TABS] : OWN_TABS;
  const asked = query.get('tab');
  const tab = tabs.some(([t]) => t === asked) ? asked! : tabs[0][0];
  return (
    <section>
      <h1>Settings</h1>
      {!isAdmin && <p className="hint">API tokens, users and the audit log need the admin role; you are {me.role}.</p>}
      <Tabs id="settings" label="Settings sections" tabs={tabs} selected={tab} onSelect={(t) => navigate(`/settings?tab=${t}`, true)} />
      <div role="tabpanel" className="panel" id={panelId('settings')} aria-labelledby={tabId('settings', tab)}>
        {tab === 'tokens' && <Tokens />}
        {tab === 'users' && <Users />}
        {tab === 'audit' && <Audit />}
        {tab === 'docker' && <DockerPolicy />}
        {tab === 'password' && <Password me={me} />}
        {tab === 'security' && <TwoFactor me={me} />}
      </div>
    </section>
  );
}
