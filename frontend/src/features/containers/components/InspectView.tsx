// The engine's whole inspect document: the JSON as it is, or, while searching, the matching
// settings by their path.
import { useDeferredValue, useMemo, useState } from 'react';
import { CopyButton } from '../../../shared/ui/CopyButton';
import { flatten, searchInspect } from '../inspect';

export function InspectView({ doc }: { doc: Record<string, unknown> }) {
  const [q, setQ] = useState('');
  const search = useDeferredValue(q);
  const text = useMemo(() => JSON.stringify(doc, null, 2), [doc]);
  const leaves = useMemo(() => flatten(doc), [doc]);
  const found = useMemo(() => searchInspect(leaves, search), [leaves, search]);
  return (
    <div>
      <div className="inline">
        <label>Search the inspect document<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. Health, Mounts, 8000" /></label>
        <CopyButton text={text} what="the inspect JSON" label="Copy JSON" />
      </div>
      {search.trim() ? (
        <>
          <p role="status" className="hint">{found.length} of {leaves.length} settings match</p>
          <pre className="inspect" tabIndex={0} aria-label="Matching settings">{found.map(([p, v]) => `${p} = ${v}`).join('\n')}</pre>
        </>
      ) : (
        <pre className="inspect" tabIndex={0} aria-label="Inspect document">{text}</pre>
      )}
    </div>
  );
}
