// The images list's search and kind filter, the prune plan's summary, and the sizes the page shows.
import { describe, expect, it } from 'vitest';
import { bytes } from '../../shared/format';
import { filterImages, imageName, labelFilter, summarizePlan } from './imageFilter';
import type { Image, ImagePrune } from '../../shared/api/types';

const image = (id: string, extra: Partial<Image> = {}) => ({
  id: `sha256:${id}`, short_id: id.slice(0, 12), host: 'local', tags: [], digests: [], size_bytes: 1, created_at: '',
  dangling: false, in_use: false, used_by: [], managed: false, app_id: null, labels: {}, ...extra,
}) as Image;

const rows = [
  image('a'.repeat(64), { tags: ['shop:v1'], in_use: true, used_by: [{ id: 'c1', name: 'shop-web', state: 'running' }] }),
  image('b'.repeat(64), { tags: ['blog:latest'], host: 'build1' }),
  image('c'.repeat(64), { dangling: true }),
];

describe('filterImages', () => {
  it('filters by kind: in use, unused, dangling', () => {
    expect(filterImages(rows, '', 'all')).toHaveLength(3);
    expect(filterImages(rows, '', 'in use').map(imageName)).toEqual(['shop:v1']);
    expect(filterImages(rows, '', 'unused').map(imageName)).toEqual(['blog:latest', 'cccccccccccc']);
    expect(filterImages(rows, '', 'dangling').map(imageName)).toEqual(['cccccccccccc']);
  });
  it('matches every word in tags, id, host and the names of the containers using it, ignoring case', () => {
    expect(filterImages(rows, 'SHOP-web', 'all').map(imageName)).toEqual(['shop:v1']);
    expect(filterImages(rows, 'build1', 'all').map(imageName)).toEqual(['blog:latest']);
    expect(filterImages(rows, 'ccc', 'all').map(imageName)).toEqual(['cccccccccccc']);
    expect(filterImages(rows, 'blog shop', 'all')).toEqual([]);
  });
});

describe('summarizePlan', () => {
  it('counts dangling and unused tagged images and their size', () => {
    const plan = { images: [{ id: 'x', tags: [], size_bytes: 10 }, { id: 'y', tags: ['a:1'], size_bytes: 5 }], size_bytes: 15 } as ImagePrune;
    expect(summarizePlan(plan)).toEqual({ count: 2, dangling: 1, unusedTagged: 1, sizeBytes: 15 });
  });
});

describe('bytes', () => {
  it('shows sizes in binary units, one decimal below ten', () => {
    expect(bytes(0)).toBe('0 B');
    expect(bytes(1023)).toBe('1023 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(5 * 1024 * 1024 * 1024)).toBe('5.0 GiB');
    expect(bytes(120 * 1024 * 1024)).toBe('120 MiB');
    expect(bytes(null)).toBe('—');
  });
});

describe('labelFilter', () => {
  it('reads KEY=VALUE, KEY alone (any value) and nothing', () => {
    expect(labelFilter(' team=shop ')).toEqual({ team: 'shop' });
    expect(labelFilter('a=b=c')).toEqual({ a: 'b=c' });
    expect(labelFilter('team')).toEqual({ team: '' });
    expect(labelFilter('  ')).toBeUndefined();
  });
});
