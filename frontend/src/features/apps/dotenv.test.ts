// The pasted .env reader: the dotenv conventions the CLI's --file follows, and an error for each bad line.
import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv';

const pairs = (text: string) => parseDotenv(text).vars.map((v) => [v.key, v.value]);

describe('parseDotenv', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments, with an export prefix', () => {
    expect(pairs('# database\nDB_HOST=db.internal\n\n  export PORT=5432  \r\nEMPTY=\n')).toEqual([
      ['DB_HOST', 'db.internal'], ['PORT', '5432'], ['EMPTY', ''],
    ]);
  });

  it('takes single quotes literally and unescapes double quotes', () => {
    expect(pairs(`A='$HOME \\n stays'\nB="line1\\nline2 \\"q\\" \\\\ end"\nC='a # not a comment'`)).toEqual([
      ['A', '$HOME \\n stays'], ['B', 'line1\nline2 "q" \\ end'], ['C', 'a # not a comment'],
    ]);
    expect(pairs("A='x' trailing")).toEqual([['A', 'x']]);
  });

  it('cuts an unquoted value at " #" but keeps a # inside a word and = in the value', () => {
    expect(pairs('URL=postgres://u:p@h/db?x=1 # the primary\nCOLOUR=#fff\nTOKEN=a=b=c')).toEqual([
      ['URL', 'postgres://u:p@h/db?x=1'], ['COLOUR', '#fff'], ['TOKEN', 'a=b=c'],
    ]);
  });

  it('reports every bad line with its number and keeps the good ones', () => {
    const r = parseDotenv('GOOD=1\nno equals here\n=nokey\n1BAD=x\nOPEN="never closed\nALSO_GOOD=2');
    expect(r.vars.map((v) => [v.key, v.line])).toEqual([['GOOD', 1], ['ALSO_GOOD', 6]]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0].message).toBe('expected KEY=VALUE');
    expect(r.errors[2].message).toMatch(/"1BAD": names are letters/);
    expect(r.errors[3].message).toBe('the quote is never closed');
  });

  it('lets a key given twice take its later value, once', () => {
    expect(pairs('A=1\nB=2\nA=3')).toEqual([['B', '2'], ['A', '3']]);
  });
});
