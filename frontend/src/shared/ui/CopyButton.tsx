// Copies a value to the clipboard and says so (a secret is never echoed in the message). Falls back
// to selecting a hidden textarea where the async clipboard is unavailable (plain http).
import { useState } from 'react';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

export function CopyButton({ text, what, label }: { text: string; what: string; label?: string }) {
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const copy = () => copyText(text).then(
    () => setSaid({ ok: true, text: `Copied the ${what}` }),
    (e: Error) => setSaid({ ok: false, text: `Could not copy: ${e.message}; select it and copy by hand` }),
  );
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()}>{label ?? `Copy ${what}`}</button>
      {said && <span role={said.ok ? 'status' : 'alert'} className={said.ok ? 'note ok' : 'note bad'}>{said.text}</span>}
    </span>
  );
}
