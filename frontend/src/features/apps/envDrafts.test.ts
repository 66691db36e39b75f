// Env drafts: kept until they equal what the server has; pasted variables replace same-named rows.
import { describe, expect, it } from 'vitest';
import { envDraft, keepEnvDraft, withPasted, type EnvRow } from './envDrafts';

const row = (key: string, value: string, secret = false): EnvRow => ({ key, value, secret, build_time: false });

describe('env drafts', () => {
  it('keeps an edit until it equals the stored variables', () => {
    const stored = [row('A', '1')];
    expect(keepEnvDraft('app_1', [row('A', '2')], stored)).toEqual([row('A', '2')]);
    expect(envDraft('app_1')).toEqual([row('A', '2')]);
    expect(envDraft('app_2')).toBeNull();
    expect(keepEnvDraft('app_1', [row('A', '1')], stored)).toBeNull();
    expect(envDraft('app_1')).toBeNull();
  });

  it('asks before the page is left while a draft is unsaved, and only then', () => {
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(false);
    keepEnvDraft('app_3', [row('B', 'edited')], [row('B', 'stored')]);
    expect(leave()).toBe(true);
    keepEnvDraft('app_3', null, undefined);
    expect(leave()).toBe(false);
  });

  it('merges pasted variables: same key takes the value and keeps being secret, new keys are appended', () => {
    const rows = [row('A', '1', true), row('B', '2')];
    expect(withPasted(rows, [{ key: 'B', value: 'two' }, { key: 'C', value: '3' }], false)).toEqual([
      row('A', '1', true), row('B', 'two'), row('C', '3'),
    ]);
    expect(withPasted(rows, [{ key: 'B', value: 'two' }], true)[1]).toEqual(row('B', 'two', true));
    expect(rows[1].value).toBe('2');
  });
});
