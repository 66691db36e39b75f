// The log view: what the reader sees (lines, colours stripped, stderr marked, the cap note).
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../api/types';
import { appendCapped, LogView, stripAnsi } from './LogView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(lines: LogLine[], dropped = 0) {
  const div = document.createElement('div');
  document.body.appendChild(div);
  act(() => createRoot(div).render(<LogView lines={lines} label="Build log" dropped={dropped} />));
  return div;
}

describe('LogView', () => {
  it('shows each line as text, stderr marked, terminal colours removed', () => {
    const div = render([
      { id: 1, ts: '2025-01-01T00:00:00Z', stream: 'build', line: '\x1b[32mStep 1/3\x1b[0m FROM scratch' },
      { id: 2, ts: '2025-01-01T00:00:00Z', stream: 'stderr', line: 'warning: <b>not html</b>' },
    ]);
    const log = div.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-label')).toBe('Build log');
    const rows = log.querySelectorAll('.log-line');
    expect(rows[0].textContent).toBe('Step 1/3 FROM scratch');
    expect(rows[1].className).toContain('err');
    expect(rows[1].textContent).toBe('warning: <b>not html</b>');
    expect(log.querySelector('b')).toBeNull();
  });

  it('says so when there is no output or when old lines were dropped', () => {
    expect(render([]).textContent).toContain('No output yet.');
    expect(render([{ ts: '2025-01-01T00:00:00Z', stream: 'build', line: 'x' }], 12).textContent).toContain('12 earlier lines not shown');
  });
});

describe('appendCapped / stripAnsi', () => {
  it('keeps the newest lines within the cap and counts the dropped ones', () => {
    const mk = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, ts: '2025-01-01T00:00:00Z', stream: 'build', line: String(i) }));
    const r = appendCapped(mk(8), mk(4), 10);
    expect(r.lines).toHaveLength(10);
    expect(r.dropped).toBe(2);
    expect(r.lines[0].line).toBe('2');
  });
  it('removes colour and cursor codes only', () => {
    expect(stripAnsi('\x1b[1;31mred\x1b[0m and \x1b[2K plain')).toBe('red and  plain');
  });
});
