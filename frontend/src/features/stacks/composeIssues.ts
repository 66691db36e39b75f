// Where the server's compose issues go: which belong to the file in the editor, the line each marks
// (line 0, the file as a whole, marks the first line; one past the end, the last), how each reads in
// the list under the editor, and the issues a refused save (400 invalid_compose) carries.
import { ApiError } from '../../shared/api/client';
import type { ComposeIssue } from '../../shared/api/types';

/** The name the server gives the compose file in its issues. */
export const COMPOSE_FILE = 'compose.yaml';

/** Whether the issue is about the compose file (the editor's text), not .env or an env_file. */
export function inCompose(issue: ComposeIssue, composeFile: string = COMPOSE_FILE): boolean {
  return issue.file === COMPOSE_FILE || issue.file === composeFile;
}

/** The editor line (1-based) an issue marks in a document of `lines` lines. */
export function issueLine(issue: Pick<ComposeIssue, 'line'>, lines: number): number {
  return Math.min(Math.max(issue.line, 1), Math.max(lines, 1));
}

/** "line 4: services.web.imagee: unknown key", with the file named when it is not the compose file. */
export function issueText(issue: ComposeIssue, composeFile: string = COMPOSE_FILE): string {
  const where = issue.line > 0 ? `line ${issue.line}` : 'whole file';
  const file = inCompose(issue, composeFile) ? '' : `${issue.file} `;
  return `${file}${where}: ${issue.key ? `${issue.key}: ` : ''}${issue.message}`;
}

/** The issues of a refused create or save (400 invalid_compose), or null for any other error. */
export function composeIssuesOf(error: unknown): ComposeIssue[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_compose') return null;
  const issues = error.detail?.issues;
  return Array.isArray(issues) ? (issues as ComposeIssue[]) : [];
}

/** A marker the editor puts on a line. */
export interface LineMark { line: number; message: string }

/** The compose file's issues as editor marks (their line clamped into the document). */
export function lineMarks(issues: readonly ComposeIssue[], lines: number, composeFile: string = COMPOSE_FILE): LineMark[] {
  return issues.filter((i) => inCompose(i, composeFile)).map((i) => ({ line: issueLine(i, lines), message: issueText(i, composeFile) }));
}

/** How many lines the editor shows for a text (a final newline starts an empty last line, as in the editor). */
export const lineCount = (text: string) => text.split('\n').length;
