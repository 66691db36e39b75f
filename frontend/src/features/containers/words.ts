// A command line typed in one box, as the argv the engine takes: words split on spaces, with
// '…' and "…" keeping spaces inside one word (no shell runs it: nothing else is special).

export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '', quote = '', inWord = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch; inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = ''; inWord = false;
    } else {
      cur += ch; inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote}`);
  if (inWord) out.push(cur);
  return out;
}

/** The words back as one line that splitWords reads as the same words. */
export function joinWords(words: string[]): string {
  return words.map((w) => (w === '' || /[\s'"]/.test(w) ? (w.includes("'") ? `"${w}"` : `'${w}'`) : w)).join(' ');
}
