// The server's compose issues on the editor: line 0 (the whole file) and a line past the end land on a
// line that exists, the list reads "line 4: key: message", issues of other files stay off the editor,
// and a refused save's 400 invalid_compose carries its issues.
import { describe, expect, it } from 'vitest';
import { ApiError, errorFrom } from '../../shared/api/client';
import { composeIssuesOf, inCompose, issueLine, issueText, lineCount, lineMarks } from './composeIssues';

const issue = (line: number, key = 'services.web.imagee', message = 'unknown key', file = 'compose.yaml') => ({ file, line, key, message });

describe('compose issues', () => {
  it('map their line into the document: 0 is the first line, past the end the last', () => {
    expect(issueLine(issue(4), 10)).toBe(4);
    expect(issueLine(issue(0), 10)).toBe(1);
    expect(issueLine(issue(12), 10)).toBe(10);
    expect(issueLine(issue(3), 0)).toBe(1);
    expect(lineCount('a\nb\n')).toBe(3);
  });

  it('read as "line 4: key: message", naming another file and the whole file', () => {
    expect(issueText(issue(4))).toBe('line 4: services.web.imagee: unknown key');
    expect(issueText(issue(0, '', 'the file must be a mapping with `services:`'))).toBe('whole file: the file must be a mapping with `services:`');
    expect(issueText(issue(2, '', 'expected KEY=value', '.env'))).toBe('.env line 2: expected KEY=value');
  });

  it('go on the editor only when they are the compose file\'s', () => {
    expect(inCompose(issue(1))).toBe(true);
    expect(inCompose(issue(1, '', 'x', 'docker-compose.yml'), 'docker-compose.yml')).toBe(true);
    expect(inCompose(issue(1, '', 'x', '.env'))).toBe(false);
    expect(lineMarks([issue(4), issue(0, '', 'empty'), issue(2, '', 'bad', '.env')], 6)).toEqual([
      { line: 4, message: 'line 4: services.web.imagee: unknown key' },
      { line: 1, message: 'whole file: empty' },
    ]);
  });

  it('come with a refused save, and only with invalid_compose', async () => {
    const body = { error: { code: 'invalid_compose', message: 'compose.yaml:4: services.web.imagee: unknown key', field: 'compose', issues: [issue(4)] } };
    const e = await errorFrom(new Response(JSON.stringify(body), { status: 400 }));
    expect(composeIssuesOf(e)).toEqual([issue(4)]);
    expect(composeIssuesOf(new ApiError(409, 'stack_exists', 'a stack named "shop" exists', 'name'))).toBeNull();
    expect(composeIssuesOf(new Error('x'))).toBeNull();
  });
});
