// The volume browser as a user sees it: a directory with breadcrumbs and symlinks shown with their
// target (not links), a text file's preview and truncation notice, and restore gated by role.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route } from 'wouter';
import type { Me } from '../../shared/api/types';
import { MeContext } from '../../shared/session/me';
import { renderInto, settle } from '../../shared/testing/render';
import VolumeFilesPage from './VolumeFilesPage';

const dir = {
  volume: 'pg', host: 'local', path: 'etc', kind: 'directory', truncated: false,
  entries: [
    { name: 'conf.d', type: 'directory', size: 4096, mode: '0755', uid: 0, gid: 0, mtime: 1700000000 },
    { name: 'app.toml', type: 'file', size: 8, mode: '0600', uid: 70, gid: 70, mtime: 1700000000 },
    { name: 'escape', type: 'symlink', size: 1, mode: '0777', uid: 0, gid: 0, mtime: 1700000000, target: '/' },
  ],
};
const file = {
  volume: 'pg', host: 'local', path: 'etc/app.toml', kind: 'file', truncated: false,
  file: { name: 'app.toml', type: 'file', size: 8, mode: '0600', uid: 70, gid: 70, mtime: 1700000000 },
  preview: { kind: 'text', text: 'key = 1\n', truncated: true, limit_bytes: 1048576, notice: 'only the first 1 MiB of 2000000 bytes is shown' },
};

function render(role: Me['role'], path: string) {
  history.replaceState(null, '', path);
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    const body = url.includes('path=etc%2Fapp.toml') ? file : dir;
    return new Response(JSON.stringify(body), { status: 200 });
  }));
  return renderInto(
    <MeContext.Provider value={{ actor_type: 'user', name: 'u', role }}>
      <Route path="/volumes/:name/files"><VolumeFilesPage /></Route>
    </MeContext.Provider>,
  );
}
afterEach(() => vi.unstubAllGlobals());

describe('the volume browser', () => {
  it('lists a directory with breadcrumbs, and shows a symlink with its target, never as a link', async () => {
    const { div, client } = render('developer', '/volumes/pg/files?host=local&path=etc');
    await settle(client);
    expect(div.querySelector('[data-testid="vf-crumbs"]')?.textContent).toBe('pg / etc');
    expect(div.querySelector('tr[data-entry="conf.d"] a')?.getAttribute('href')).toBe('/volumes/pg/files?host=local&path=etc%2Fconf.d');
    const link = div.querySelector('tr[data-entry="escape"]');
    expect(link?.textContent).toContain('escape → /');
    expect(link?.querySelector('a')).toBeNull();
  });
  it("previews a text file with the server's truncation notice and offers its download", async () => {
    const { div, client } = render('developer', '/volumes/pg/files?host=local&path=etc%2Fapp.toml');
    await settle(client);
    expect(div.querySelector('[data-testid="vf-preview"]')?.textContent).toBe('key = 1\n');
    expect(div.textContent).toContain('only the first 1 MiB');
    expect([...div.querySelectorAll('button')].map((b) => b.textContent)).toContain('Download');
  });
  it('shows a viewer the actions disabled, with the reason', async () => {
    const { div, client } = render('viewer', '/volumes/pg/files?host=local&path=etc');
    await settle(client);
    const backup = [...div.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Back up'));
    expect(backup?.disabled).toBe(true);
    expect(backup?.getAttribute('title')).toContain('Viewers cannot back up volumes');
  });
});
