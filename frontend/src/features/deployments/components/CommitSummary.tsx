// A deployment's commit as lists show it: short SHA, the first line of its message and its author's name.
import type { Deployment } from '../../../shared/api/types';
import { authorName, headline, shortSha } from '../../../shared/format';

export function CommitSummary({ d }: { d: Pick<Deployment, 'commit_sha' | 'commit_message' | 'commit_author'> }) {
  const title = headline(d.commit_message);
  const author = authorName(d.commit_author);
  return (
    <span className="commit">
      <code>{shortSha(d.commit_sha)}</code>
      {title && <> {title}</>}
      {author && <small className="author"> · {author}</small>}
    </span>
  );
}
