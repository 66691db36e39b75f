// The inspect search: leaves by path, arrays indexed, empty objects kept, every word must match.
import { describe, expect, it } from 'vitest';
import { flatten, searchInspect } from './inspect';

const doc = { Id: 'abc', State: { Status: 'running', Health: { Status: 'healthy' } }, Config: { Env: ['A=1', 'PATH=/bin'], Labels: {} }, HostConfig: { Privileged: false } };

describe('inspect search', () => {
  it('lists every leaf by its path', () => {
    expect(flatten(doc)).toEqual([
      ['Id', '"abc"'], ['State.Status', '"running"'], ['State.Health.Status', '"healthy"'],
      ['Config.Env[0]', '"A=1"'], ['Config.Env[1]', '"PATH=/bin"'], ['Config.Labels', '{}'], ['HostConfig.Privileged', 'false'],
    ]);
  });
  it('finds by path or value, every word, ignoring case', () => {
    const leaves = flatten(doc);
    expect(searchInspect(leaves, 'status').map(([p]) => p)).toEqual(['State.Status', 'State.Health.Status']);
    expect(searchInspect(leaves, 'health HEALTHY').map(([p]) => p)).toEqual(['State.Health.Status']);
    expect(searchInspect(leaves, 'path=/bin').map(([p]) => p)).toEqual(['Config.Env[1]']);
    expect(searchInspect(leaves, '')).toBe(leaves);
  });
});
