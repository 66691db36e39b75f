// A volume's files, read-only: directory navigation with breadcrumbs, a text file's preview, a file's
// download, the volume's backup, and a restore upload into a new volume or (admins) over this one.
import { useState } from 'react';
import { useParams } from 'wouter';
import { describeError } from '../../shared/api/client';
import { bytes } from '../../shared/format';
import { Link, navigate, useLocation } from '../../shared/router';
import { RoleGate } from '../../shared/ui/RoleGate';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { contentUrl, download, useRestoreVolume, useVolumePath } from './queries';
import type { VolumeBrowse, VolumeFileEntry } from './types';
import './volume-files.css';

const enc = encodeURIComponent;
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const parent = (path: string) => path.split('/').slice(0, -1).join('/');

function pageUrl(volume: string, host: string, path: string) {
  return `/volumes/${enc(volume)}/files?host=${enc(host)}${path ? `&path=${enc(path)}` : ''}`;
}

function Breadcrumbs({ volume, host, path }: { volume: string; host: string; path: string }) {
  const parts = path ? path.split('/') : [];
  return (
    <nav className="vf-crumbs" aria-label="Path" data-testid="vf-crumbs">
      <Link href={pageUrl(volume, host, '')}>{volume}</Link>
      {parts.map((p, i) => (
        <span key={i}> / <Link href={pageUrl(volume, host, parts.slice(0, i + 1).join('/'))}>{p}</Link></span>
      ))}
    </nav>
  );
}

function EntryName({ e, volume, host, dir }: { e: VolumeFileEntry; volume: string; host: string; dir: string }) {
  if (e.type === 'symlink') return <span className="vf-link">{e.name} → {e.target}</span>;
  if (e.type !== 'directory' && e.type !== 'file') return <span>{e.name}</span>;
  return <Link href={pageUrl(volume, host, join(dir, e.name))}>{e.name}{e.type === 'directory' ? '/' : ''}</Link>;
}

function Listing({ data, volume, host }: { data: VolumeBrowse; volume: string; host: string }) {
  const entries = data.entries ?? [];
  if (entries.length === 0) return <EmptyState title="This directory is empty" />;
  return (
    <table className="table vf-table">
      <thead><tr><th>Name</th><th>Type</th><th>Size</th><th>Mode</th><th>Owner</th><th>Modified</th></tr></thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.name} data-entry={e.name}>
            <td><EntryName e={e} volume={volume} host={host} dir={data.path} /></td>
            <td>{e.type}</td><td>{e.type === 'file' ? bytes(e.size) : ''}</td><td><code>{e.mode}</code></td>
            <td>{e.uid}:{e.gid}</td><td>{new Date(e.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ')}</td>
          </tr>
        ))}
      </tbody>
      {data.truncated && <caption>Only the first entries are shown.</caption>}
    </table>
  );
}

function FileView({ data, volume, host }: { data: VolumeBrowse; volume: string; host: string }) {
  const [error, setError] = useState('');
  const name = data.path.split('/').pop() ?? 'file';
  const preview = data.preview;
  return (
    <section className="vf-file">
      <p>{bytes(data.file?.size ?? 0)} · mode <code>{data.file?.mode}</code> · owner {data.file?.uid}:{data.file?.gid}</p>
      <RoleGate min="developer" action="read volume files">
        <button type="button" onClick={() => download(contentUrl(volume, 'download', host, data.path), name).catch((e) => setError(describeError(e)))}>
          Download
        </button>
      </RoleGate>
      {error && <p className="error">{error}</p>}
      {preview?.kind === 'text' && <pre className="vf-preview" data-testid="vf-preview">{preview.text}</pre>}
      {preview?.notice && <p className="notice">{preview.notice}</p>}
      {preview?.kind === 'binary' && <p>A binary file: download it to see it.</p>}
      {preview?.kind === 'metadata' && <p>No preview for this type of file.</p>}
    </section>
  );
}

function Restore({ volume, host }: { volume: string; host: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState(`${volume}-restored`);
  const [force, setForce] = useState(false);
  const restore = useRestoreVolume((r) => navigate(pageUrl(r.volume, host, '')));
  const into = force ? volume : target;
  return (
    <form className="vf-restore" onSubmit={(e) => { e.preventDefault(); if (file) restore.mutate({ host, volume: into, file, force, create: !force }); }}>
      <h3>Restore a backup</h3>
      <label>Archive (.tar.gz) <input type="file" accept=".gz,.tgz,application/gzip" data-testid="vf-restore-file"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
      <label><input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Replace this volume's content</label>
      {!force && <label>Into the new volume <input value={target} data-testid="vf-restore-target" onChange={(e) => setTarget(e.target.value)} /></label>}
      <RoleGate min={force ? 'admin' : 'developer'} action={force ? "replace a volume's content" : 'restore volumes'}>
        <button type="submit" disabled={!file || restore.isPending}>{restore.isPending ? 'Restoring…' : `Restore into ${into}`}</button>
      </RoleGate>
    </form>
  );
}

export default function VolumeFilesPage() {
  const { name = '' } = useParams<{ name: string }>();
  const { query } = useLocation();
  const host = query.get('host') ?? 'local';
  const path = query.get('path') ?? '';
  const listing = useVolumePath(host, name, path);
  const [error, setError] = useState('');
  return (
    <div className="page volume-files">
      <header className="page-head">
        <h1>Files of {name}</h1>
        <RoleGate min="developer" action="back up volumes">
          <button type="button" onClick={() => download(contentUrl(name, 'backup', host), `${name}.tar.gz`).catch((e) => setError(describeError(e)))}>
            Back up (.tar.gz)
          </button>
        </RoleGate>
      </header>
      {error && <p className="error">{error}</p>}
      <Breadcrumbs volume={name} host={host} path={path} />
      {path && <Link href={pageUrl(name, host, parent(path))}>↑ Up</Link>}
      {listing.isPending && <LoadingState />}
      {listing.isError && <ErrorState error={listing.error} retry={() => void listing.refetch()} />}
      {listing.data?.kind === 'directory' && <Listing data={listing.data} volume={name} host={host} />}
      {listing.data?.kind === 'file' && <FileView data={listing.data} volume={name} host={host} />}
      <Restore volume={name} host={host} />
    </div>
  );
}
