// A container's output as the Logs tab shows it: which streams, timestamps or not, and the lines a
// search keeps (plain text, case-insensitive; /…/ for a regular expression), with the count.
import type { ContainerLogLine, LogLine } from '../../shared/api/types';

export interface LogQuery { search: string; stdout: boolean; stderr: boolean; timestamps: boolean }

/** A matcher for the search box; an invalid regular expression is said, not thrown. */
export function matcher(search: string): { test: (line: string) => boolean; error?: string } {
  const s = search.trim();
  if (!s) return { test: () => true };
  const re = /^\/(.+)\/([a-z]*)$/.exec(s);
  if (re) {
    try {
      const r = new RegExp(re[1], re[2].includes('i') ? 'i' : '');
      return { test: (l) => r.test(l) };
    } catch (e) {
      return { test: () => true, error: `not a regular expression: ${(e as Error).message}` };
    }
  }
  const lower = s.toLowerCase();
  return { test: (l) => l.toLowerCase().includes(lower) };
}

export const stamp = (ts: number) => (ts ? new Date(ts).toISOString().replace('T', ' ').slice(0, 23) : '');

/** The lines to show (as the shared LogView takes them), how many matched, and the search's error. */
export function shownLines(lines: (ContainerLogLine & { id: number })[], q: LogQuery): { lines: LogLine[]; error?: string } {
  const m = matcher(q.search);
  const out: LogLine[] = [];
  for (const l of lines) {
    if (!(l.stream === 'stderr' ? q.stderr : q.stdout) || !m.test(l.line)) continue;
    out.push({ id: l.id, stream: l.stream, line: q.timestamps && l.ts ? `${stamp(l.ts)}  ${l.line}` : l.line, ts: '' });
  }
  return { lines: out, error: m.error };
}
