// A line diff of two texts by longest common subsequence: the Compose tab's "Diff against deployed"
// (the deployed file before, the editor's text after), small enough to need no library.

export type DiffKind = 'same' | 'added' | 'removed';
export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line in the text before (same and removed lines). */
  oldLine?: number;
  /** 1-based line in the text after (same and added lines). */
  newLine?: number;
}

/** Above this many cells (lines before × lines after, once the common ends are trimmed) the middle
 * is shown as removed then added instead of aligned: a diff must not freeze the page. */
const MAX_CELLS = 4_000_000;

/** The lines of a text as a reader sees them: "\r\n" and "\n" end a line, and the newline at the end
 * does not start another. Line endings are not compared (sameBytes says whether the texts differ at all). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }

  const out: DiffLine[] = [];
  const same = (i: number, j: number) => out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: j + 1 });
  const removed = (i: number) => out.push({ kind: 'removed', text: a[i], oldLine: i + 1 });
  const added = (j: number) => out.push({ kind: 'added', text: b[j], newLine: j + 1 });

  for (let i = 0; i < start; i++) same(i, i);
  const n = endA - start;
  const m = endB - start;
  let i = 0;
  let j = 0;
  if (n * m <= MAX_CELLS) {
    // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let x = n - 1; x >= 0; x--) {
      for (let y = m - 1; y >= 0; y--) {
        lcs[x * w + y] = a[start + x] === b[start + y] ? lcs[(x + 1) * w + y + 1] + 1 : Math.max(lcs[(x + 1) * w + y], lcs[x * w + y + 1]);
      }
    }
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) { same(start + i, start + j); i++; j++; }
      else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) { removed(start + i); i++; }
      else { added(start + j); j++; }
    }
  }
  for (; i < n; i++) removed(start + i);
  for (; j < m; j++) added(start + j);
  for (let k = 0; endA + k < a.length; k++) same(endA + k, endB + k);
  return out;
}

/** How many lines a diff adds and removes. */
export function diffCounts(diff: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const d of diff) {
    if (d.kind === 'added') added++;
    else if (d.kind === 'removed') removed++;
  }
  return { added, removed };
}

export type DiffHunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skipped'; count: number };

/** The diff with long unchanged runs folded to `context` lines either side of a change. */
export function foldUnchanged(diff: readonly DiffLine[], context = 3): DiffHunk[] {
  const near = diff.map(() => false);
  diff.forEach((d, k) => {
    if (d.kind === 'same') return;
    for (let x = Math.max(0, k - context); x <= Math.min(diff.length - 1, k + context); x++) near[x] = true;
  });
  const out: DiffHunk[] = [];
  for (let k = 0; k < diff.length;) {
    if (near[k]) {
      const lines: DiffLine[] = [];
      while (k < diff.length && near[k]) lines.push(diff[k++]);
      out.push({ kind: 'lines', lines });
    } else {
      let count = 0;
      while (k < diff.length && !near[k]) { count++; k++; }
      out.push({ kind: 'skipped', count });
    }
  }
  return out;
}
