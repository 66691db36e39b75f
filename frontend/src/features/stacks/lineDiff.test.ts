// The line diff: the lines it marks added and removed (in order, with their line numbers), what it
// leaves alone (line endings, the final newline), and how unchanged runs fold.
import { describe, expect, it } from 'vitest';
import { diffCounts, foldUnchanged, lineDiff, splitLines } from './lineDiff';

const signs = (before: string, after: string) =>
  lineDiff(before, after).map((d) => `${d.kind === 'added' ? '+' : d.kind === 'removed' ? '-' : ' '}${d.text}`);

describe('lineDiff', () => {
  it('marks the changed line as removed then added, the rest the same', () => {
    const before = 'services:\n  web:\n    image: shop:1\n    ports: ["80:80"]\n';
    const after = 'services:\n  web:\n    image: shop:2\n    ports: ["80:80"]\n';
    expect(signs(before, after)).toEqual([' services:', '   web:', '-    image: shop:1', '+    image: shop:2', '     ports: ["80:80"]']);
    const changed = lineDiff(before, after).filter((d) => d.kind !== 'same');
    expect(changed).toEqual([
      { kind: 'removed', text: '    image: shop:1', oldLine: 3 },
      { kind: 'added', text: '    image: shop:2', newLine: 3 },
    ]);
  });

  it('aligns on the longest common subsequence across insertions and deletions', () => {
    expect(signs('a\nb\nc\nd\ne', 'a\nc\nd\nx\ne\nf')).toEqual([' a', '-b', ' c', ' d', '+x', ' e', '+f']);
    expect(signs('', 'a\nb')).toEqual(['+a', '+b']);
    expect(signs('a\nb', '')).toEqual(['-a', '-b']);
    expect(signs('a\na\nb', 'a\nb\nb')).toEqual([' a', '-a', '+b', ' b']);
  });

  it('numbers both sides', () => {
    const d = lineDiff('x\ny\nz', 'w\nx\nz');
    expect(d.map((l) => [l.kind, l.oldLine ?? null, l.newLine ?? null])).toEqual([
      ['added', null, 1], ['same', 1, 2], ['removed', 2, null], ['same', 3, 3],
    ]);
  });

  it('compares lines, not line endings or the final newline', () => {
    expect(splitLines('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(diffCounts(lineDiff('a\r\nb\r\n', 'a\nb'))).toEqual({ added: 0, removed: 0 });
  });

  it('counts and folds long unchanged runs around the changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const diff = lineDiff(before, after);
    expect(diffCounts(diff)).toEqual({ added: 1, removed: 1 });
    const hunks = foldUnchanged(diff, 2);
    expect(hunks.map((h) => (h.kind === 'skipped' ? `skip ${h.count}` : h.lines.map((l) => l.text).join('|')))).toEqual([
      'skip 7', 'line 8|line 9|line 10|line ten|line 11|line 12', 'skip 8',
    ]);
  });
});
