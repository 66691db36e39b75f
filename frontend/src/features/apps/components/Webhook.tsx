// What to paste into GitHub / GitLab / Gitea / Bitbucket so a push deploys the app.
import { useState } from 'react';
import type { SystemInfo } from '../../../shared/api/types';
import { CopyButton } from '../../../shared/ui/CopyButton';
import { webhookUrl } from '../appUrl';

const PROVIDERS = ['github', 'gitlab', 'gitea', 'bitbucket'] as const;
const HINT: Record<string, string> = {
  github: 'Settings → Webhooks → Add webhook; content type application/json; secret below; event "push".',
  gitlab: 'Settings → Webhooks; URL below; the secret goes in "Secret token"; trigger "Push events".',
  gitea: 'Settings → Webhooks → Add webhook → Gitea; secret below; trigger "Push events".',
  bitbucket: 'Repository settings → Webhooks → Add webhook; URL below; trigger "Repository push".',
};

/** `system` gives [server] public_url and the server's warning when git providers cannot reach it. */
export function Webhook({ secret, system }: { secret?: string; system?: Pick<SystemInfo, 'public_url' | 'public_url_warning'> }) {
  const [provider, setProvider] = useState<(typeof PROVIDERS)[number]>('github');
  const [shown, setShown] = useState(false);
  const url = webhookUrl(provider, system?.public_url, location.origin);
  return (
    <div className="form">
      <label>Provider
        <select value={provider} onChange={(e) => setProvider(e.target.value as typeof provider)}>
          {PROVIDERS.map((p) => <option key={p}>{p}</option>)}
        </select>
      </label>
      <p className="hint">{HINT[provider]}</p>
      <label>Payload URL<input readOnly value={url} onFocus={(e) => e.target.select()} /></label>
      <CopyButton text={url} what="payload URL" label="Copy URL" />
      {system?.public_url_warning && <p role="note" className="note bad">{system.public_url_warning}</p>}
      {secret === undefined ? (
        <p>The secret is shown to developers and admins only.</p>
      ) : (
        <>
          <label>Secret<input readOnly type={shown ? 'text' : 'password'} value={secret} onFocus={(e) => e.target.select()} /></label>
          <span>
            <button type="button" onClick={() => setShown(!shown)} aria-pressed={shown}>{shown ? 'Hide secret' : 'Show secret'}</button>{' '}
            <CopyButton text={secret} what="secret" label="Copy secret" />
          </span>
        </>
      )}
    </div>
  );
}
