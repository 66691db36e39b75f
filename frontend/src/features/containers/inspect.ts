// The inspect document searched: every leaf as "path = value" (State.Health.Status = "healthy"),
// so a search finds a setting by its name or its value and shows where it sits.

export function flatten(doc: unknown, prefix = '', out: [string, string][] = []): [string, string][] {
  if (doc !== null && typeof doc === 'object') {
    const entries = Array.isArray(doc) ? doc.map((v, i) => [`[${i}]`, v] as const) : Object.entries(doc as object).map(([k, v]) => [prefix ? `.${k}` : k, v] as const);
    if (entries.length === 0) out.push([prefix, Array.isArray(doc) ? '[]' : '{}']);
    for (const [k, v] of entries) flatten(v, prefix + k, out);
  } else {
    out.push([prefix, JSON.stringify(doc)]);
  }
  return out;
}

/** The leaves whose path or value contains every word of the search, ignoring case. */
export function searchInspect(leaves: [string, string][], search: string): [string, string][] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return leaves;
  return leaves.filter(([p, v]) => { const hay = `${p} ${v}`.toLowerCase(); return words.every((w) => hay.includes(w)); });
}
