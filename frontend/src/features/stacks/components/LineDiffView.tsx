// "Diff against deployed": the editor's text against the compose file last deployed, line by line
// (lineDiff.ts). Each changed line carries its sign (+ or -) and, for screen readers, the word, so
// the colour is never the only mark; long unchanged runs are folded.
import { useMemo } from 'react';
import { diffCounts, foldUnchanged, lineDiff, type DiffLine } from '../lineDiff';

const SIGN: Record<DiffLine['kind'], string> = { added: '+', removed: '-', same: ' ' };
const WORD: Record<DiffLine['kind'], string> = { added: 'added: ', removed: 'removed: ', same: '' };

export function LineDiffView({ before, after, revision }: { before: string; after: string; revision: number }) {
  const diff = useMemo(() => lineDiff(before, after), [before, after]);
  const { added, removed } = diffCounts(diff);
  const plural = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  const summary = added + removed > 0
    ? `${plural(added)} added, ${plural(removed)} removed since revision ${revision}.`
    : before === after ? `The same as revision ${revision}.` : `Only line endings or the final newline differ from revision ${revision}.`;
  return (
    <section className="line-diff" aria-label={`Changes against the deployed compose file (revision ${revision})`}>
      <p role="status" className="hint">{summary}</p>
      {added + removed > 0 && (
        <ol className="diff-lines" tabIndex={0} aria-label="Lines changed, with a few unchanged around them">
          {foldUnchanged(diff).map((h, k) => (h.kind === 'skipped'
            ? <li key={`s${k}`} className="diff-skip">… {plural(h.count)} unchanged</li>
            : h.lines.map((d) => (
              <li key={`${d.kind}${d.oldLine ?? ''}-${d.newLine ?? ''}`} className={`diff-${d.kind}`}>
                <span className="diff-no" aria-hidden="true">{d.oldLine ?? ''}</span>
                <span className="diff-no" aria-hidden="true">{d.newLine ?? ''}</span>
                <span className="diff-sign" aria-hidden="true">{SIGN[d.kind]}</span>
                {WORD[d.kind] && <span className="sr-only">{WORD[d.kind]}</span>}
                <code>{d.text}</code>
              </li>
            ))))}
        </ol>
      )}
    </section>
  );
}
