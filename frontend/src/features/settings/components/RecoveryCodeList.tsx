// Recovery codes shown the one time they exist in clear: a list, copy and download buttons, and a
// plain note that they will not be shown again.
import { useEffect, useMemo } from 'react';
import { CopyButton } from '../../../shared/ui/CopyButton';

export function RecoveryCodeList({ codes, username }: { codes: string[]; username: string }) {
  const text = codes.join('\n') + '\n';
  // A blob: link downloads without leaving the page; it is released when the list goes away.
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <section aria-labelledby="recovery-codes-title" className="card">
      <h2 id="recovery-codes-title">Recovery codes</h2>
      <p role="note" className="note bad"><strong>Store these now</strong> — in a password manager or on paper. They are shown only this once.
        Each code signs you in once in place of the 6-digit code if you lose your authenticator.</p>
      <ul className="recovery-codes" aria-label="Recovery codes">{codes.map((c) => <li key={c}>{c}</li>)}</ul>
      <p>
        <CopyButton text={text} what="recovery codes" label="Copy codes" />{' '}
        <a className="button" href={href} download={`rivetr-recovery-codes-${username}.txt`}>Download codes</a>
      </p>
    </section>
  );
}
