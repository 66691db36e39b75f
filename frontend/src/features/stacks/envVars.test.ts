// A stack's variables round trip: a stored secret comes back without its value and goes back as null
// (the server keeps it) unless a new value was typed; plain values go back as they are.
import { describe, expect, it } from 'vitest';
import { duplicateKey, envBody, envRows, sameEnv, validationEnv } from './envVars';

const stored = { API_KEY: { value: null, secret: true }, MODE: { value: 'prod', secret: false } };

describe('stack variables', () => {
  it('send a stored secret left alone as null, and a typed one as its value', () => {
    const rows = envRows(stored);
    expect(rows).toEqual([
      { key: 'API_KEY', value: '', secret: true, stored: true },
      { key: 'MODE', value: 'prod', secret: false, stored: false },
    ]);
    expect(sameEnv(rows, stored)).toBe(true);
    expect(envBody(rows)).toEqual({ API_KEY: { value: null, secret: true }, MODE: { value: 'prod', secret: false } });
    const typed = rows.map((r) => (r.key === 'API_KEY' ? { ...r, value: 's3cret' } : r));
    expect(sameEnv(typed, stored)).toBe(false);
    expect(envBody(typed).API_KEY).toEqual({ value: 's3cret', secret: true });
  });

  it('leave out rows without a key, and stand in for stored secrets when validating', () => {
    const rows = [...envRows(stored), { key: '  ', value: 'x', secret: false, stored: false }, { key: ' NEW ', value: '1', secret: true, stored: false }];
    expect(Object.keys(envBody(rows))).toEqual(['API_KEY', 'MODE', 'NEW']);
    expect(validationEnv(rows).API_KEY).toEqual({ value: 'stored-secret', secret: true });
    expect(validationEnv(rows).NEW).toEqual({ value: '1', secret: true });
  });

  it('say when a key is used twice', () => {
    const rows = [...envRows(stored), { key: 'MODE', value: 'dev', secret: false, stored: false }];
    expect(duplicateKey(rows, 1)).toBeUndefined();
    expect(duplicateKey(rows, 2)).toBe('MODE is already above');
  });
});
