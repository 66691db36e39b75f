// Reads a pasted .env file the way `rivetr env set --file` does (cli/dotenv.cpp): blank lines and `#`
// comments skipped, an optional `export ` prefix, single quotes literal, double quotes with \n \t \" \\
// escapes, unquoted values cut at " #". Every bad line is reported with its number, not only the first.

export interface DotenvVar { key: string; value: string; line: number }
export interface DotenvError { line: number; message: string }
export interface DotenvResult { vars: DotenvVar[]; errors: DotenvError[] }

/** The server's rule for a variable name (api/apps/app_validation.cpp). */
export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

function unescapeDouble(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** The value after '='; null for a quote that never closes. */
function parseValue(raw: string): string | null {
  const v = raw.trim();
  const q = v[0];
  if (q === '"' || q === "'") {
    let end = 1;
    while (end < v.length && !(v[end] === q && (q === "'" || v[end - 1] !== '\\'))) end++;
    if (end >= v.length) return null;
    const inner = v.slice(1, end);
    return q === '"' ? unescapeDouble(inner) : inner;
  }
  const hash = v.indexOf(' #');
  return hash >= 0 ? v.slice(0, hash).trim() : v;
}

export function parseDotenv(text: string): DotenvResult {
  const vars: DotenvVar[] = [];
  const errors: DotenvError[] = [];
  const lastLine = new Map<string, number>();
  text.split('\n').forEach((rawLine, i) => {
    const line = i + 1;
    let s = rawLine.trim();
    if (!s || s.startsWith('#')) return;
    if (s.startsWith('export ')) s = s.slice(7).trim();
    const eq = s.indexOf('=');
    if (eq <= 0) { errors.push({ line, message: 'expected KEY=VALUE' }); return; }
    const key = s.slice(0, eq).trim();
    if (!ENV_KEY.test(key)) {
      errors.push({ line, message: `"${key}": names are letters, digits and '_', not starting with a digit` });
      return;
    }
    const value = parseValue(s.slice(eq + 1));
    if (value === null) { errors.push({ line, message: 'the quote is never closed' }); return; }
    // A key given twice: the later line wins, as in a shell or docker compose.
    const earlier = lastLine.get(key);
    if (earlier !== undefined) vars.splice(vars.findIndex((v) => v.key === key), 1);
    lastLine.set(key, line);
    vars.push({ key, value, line });
  });
  return { vars, errors };
}
