// The Logs tab's search and stream choice: plain text ignores case, /…/ is a regular expression (an
// invalid one is said and filters nothing), stderr can be hidden, timestamps are prefixed in UTC.
import { describe, expect, it } from 'vitest';
import { matcher, shownLines, stamp } from './logSearch';

const lines = [
  { id: 1, ts: Date.UTC(2026, 0, 2, 3, 4, 5, 6), stream: 'stdout' as const, line: 'Listening on :8000' },
  { id: 2, ts: 0, stream: 'stderr' as const, line: 'WARN disk almost full' },
  { id: 3, ts: 0, stream: 'stdout' as const, line: 'GET /health 200' },
];
const all = { search: '', stdout: true, stderr: true, timestamps: false };
const text = (q: Partial<typeof all>) => shownLines(lines, { ...all, ...q }).lines.map((l) => l.line);

describe('container log search', () => {
  it('keeps lines containing the text, ignoring case', () => expect(text({ search: 'listening' })).toEqual(['Listening on :8000']));
  it('reads /…/ as a regular expression', () => {
    expect(text({ search: '/^(GET|WARN) /' })).toEqual(['WARN disk almost full', 'GET /health 200']);
    expect(text({ search: '/get/i' })).toEqual(['GET /health 200']);
  });
  it('says an invalid regular expression and keeps every line', () => {
    const r = shownLines(lines, { ...all, search: '/(/' });
    expect(r.error).toMatch(/not a regular expression/);
    expect(r.lines).toHaveLength(3);
    expect(matcher('  ').test('x')).toBe(true);
  });
  it('shows the streams asked for', () => {
    expect(text({ stderr: false })).toEqual(['Listening on :8000', 'GET /health 200']);
    expect(shownLines(lines, { ...all, stdout: false }).lines.map((l) => l.stream)).toEqual(['stderr']);
  });
  it('prefixes the UTC timestamp when asked, and none for a line without one', () => {
    expect(stamp(lines[0].ts)).toBe('2026-01-02 03:04:05.006');
    expect(text({ timestamps: true })).toEqual(['2026-01-02 03:04:05.006  Listening on :8000', 'WARN disk almost full', 'GET /health 200']);
  });
});
