// The server's issues under the editor, one a line ("line 4: services.web.imagee: unknown key"): an
// issue of the compose file is a button that puts the cursor on its line; one of .env or an env_file
// is plain text (that file is not in the editor).
import type { ComposeIssue } from '../../../shared/api/types';
import { inCompose, issueLine, issueText } from '../composeIssues';

interface Props {
  id: string;
  issues: readonly ComposeIssue[];
  lines: number;
  composeFile?: string;
  onGoTo: (line: number) => void;
}

export function IssueList({ id, issues, lines, composeFile, onGoTo }: Props) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="compose-issues" aria-label="Issues in the compose file">
      {issues.map((i, n) => (
        <li key={`${n}-${i.file}-${i.line}-${i.key}`}>
          {inCompose(i, composeFile)
            ? <button type="button" className="link" onClick={() => onGoTo(issueLine(i, lines))}>{issueText(i, composeFile)}</button>
            : <span>{issueText(i, composeFile)}</span>}
        </li>
      ))}
    </ul>
  );
}
