// The containers list's filters: each narrows by its field, they combine, the search looks at
// name, image, app and labels, and the URL round-trips the filter.
import { describe, expect, it } from 'vitest';
import type { ContainerRow } from '../../shared/api/types';
import { facet, filterContainers, filterFromQuery, filterToQuery, NO_FILTER } from './filter';

const row = (name: string, o: Partial<ContainerRow> = {}): ContainerRow => ({
  id: `${name}-0123456789abcdef`, name, names: [`/${name}`], image: 'busybox', image_id: 'sha256:1', state: 'running', status: 'Up 2 minutes',
  command: 'sleep 1', created: 0, ports: [], labels: {}, host: 'local', app: null, ...o,
});
const rows = [
  row('web', { image: 'nginx:1.27', labels: { tier: 'front', 'com.docker.compose.project': 'shop' } }),
  row('db', { state: 'exited', image: 'postgres:16', labels: { tier: 'back' } }),
  row('rivetr-shop', { app: { id: 'a1', name: 'shop' }, host: 'build1' }),
];
const names = (f: Partial<typeof NO_FILTER>) => filterContainers(rows, { ...NO_FILTER, ...f }).map((c) => c.name);

describe('filterContainers', () => {
  it('keeps everything without a filter', () => expect(names({})).toEqual(['web', 'db', 'rivetr-shop']));
  it('narrows by state, host and image', () => {
    expect(names({ state: 'exited' })).toEqual(['db']);
    expect(names({ host: 'build1' })).toEqual(['rivetr-shop']);
    expect(names({ image: 'nginx:1.27' })).toEqual(['web']);
  });
  it('narrows by a label key or key=value', () => {
    expect(names({ label: 'tier' })).toEqual(['web', 'db']);
    expect(names({ label: 'tier=back' })).toEqual(['db']);
    expect(names({ label: 'com.docker.compose.project=shop' })).toEqual(['web']);
  });
  it('narrows to any app, no app, or one app by name', () => {
    expect(names({ app: '*' })).toEqual(['rivetr-shop']);
    expect(names({ app: 'none' })).toEqual(['web', 'db']);
    expect(names({ app: 'shop' })).toEqual(['rivetr-shop']);
    expect(names({ app: 'other' })).toEqual([]);
  });
  it('narrows to a Compose stack by its project label', () => {
    expect(names({ app: 'stack:shop' })).toEqual(['web']);
    expect(names({ app: 'stack:other' })).toEqual([]);
  });
  it('searches every word in name, image, app and labels, ignoring case', () => {
    expect(names({ q: 'POSTGRES' })).toEqual(['db']);
    expect(names({ q: 'shop' })).toEqual(['web', 'rivetr-shop']);
    expect(names({ q: 'shop front' })).toEqual(['web']);
  });
  it('combines filters', () => expect(names({ q: 'shop', host: 'local' })).toEqual(['web']));
});

describe('facet and the URL', () => {
  it('counts the values, most common first', () => {
    expect(facet(rows, (c) => c.state)).toEqual([['running', 2], ['exited', 1]]);
  });
  it('round-trips a filter through the query string, leaving out what is unset', () => {
    const f = { ...NO_FILTER, q: 'a b', state: 'exited', app: '*' };
    const q = filterToQuery(f);
    expect(q.toString()).toBe('q=a+b&state=exited&app=*');
    expect(filterFromQuery(q)).toEqual(f);
  });
});
