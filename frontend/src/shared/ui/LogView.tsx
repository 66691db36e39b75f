// A build or runtime log: follows the tail while the reader is at the bottom, stops following
// when they scroll up (with a button back), strips terminal colour codes, caps memory.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogLine } from '../api/types';

export const MAX_LINES = 5000;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Appends, keeping at most `max` lines; returns the new list and how many were dropped. */
export function appendCapped<L = LogLine>(list: L[], more: L[], max = MAX_LINES): { lines: L[]; dropped: number } {
  const all = list.concat(more);
  const dropped = Math.max(0, all.length - max);
  return { lines: dropped ? all.slice(dropped) : all, dropped };
}

interface Props {
  lines: LogLine[];
  label: string;
  dropped?: number;
  empty?: string;
}

export function LogView({ lines, label, dropped = 0, empty = 'No output yet.' }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [lines, following]);

  useEffect(() => setFollowing(true), [label]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
  };

  return (
    <div className="logview">
      <div
        ref={box}
        className="log"
        role="log"
        aria-label={label}
        aria-live="polite"
        tabIndex={0}
        onScroll={onScroll}
        data-testid="log"
      >
        {dropped > 0 && <div className="log-note">{dropped} earlier lines not shown</div>}
        {lines.length === 0 && <div className="log-note">{empty}</div>}
        {lines.map((l, i) => (
          <div key={l.id ?? i} className={l.stream === 'stderr' ? 'log-line err' : 'log-line'}>
            {stripAnsi(l.line)}
          </div>
        ))}
      </div>
      {!following && (
        <button type="button" className="jump" onClick={() => setFollowing(true)}>
          Follow latest output
        </button>
      )}
    </div>
  );
}
