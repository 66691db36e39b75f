// The pull's progress fold: per-layer bars from the engine's events, the overall bar, the end events.
import { describe, expect, it } from 'vitest';
import { applyProgress, applyPullEvent, initialPull, overallFraction, type PullState } from './pullProgress';

const ev = (id: string, status: string, current = 0, total = 0) => ({ id, status, current, total });
const fold = (events: ReturnType<typeof ev>[], from: PullState = initialPull) => events.reduce(applyProgress, from);

describe('applyProgress', () => {
  it('gives each layer a bar: downloading fills the first half, extracting the second', () => {
    let s = fold([ev('v1', 'Pulling from team/app'), ev('aaaaaaaaaaaa', 'Pulling fs layer'), ev('bbbbbbbbbbbb', 'Pulling fs layer')]);
    expect(s.layers.map((l) => [l.id, l.fraction])).toEqual([['aaaaaaaaaaaa', 0], ['bbbbbbbbbbbb', 0]]);
    expect(s.messages).toEqual(['v1: Pulling from team/app']);
    s = fold([ev('aaaaaaaaaaaa', 'Downloading', 50, 100)], s);
    expect(s.layers[0]).toMatchObject({ status: 'Downloading', fraction: 0.25, current: 50, total: 100 });
    s = fold([ev('aaaaaaaaaaaa', 'Download complete'), ev('aaaaaaaaaaaa', 'Extracting', 25, 100)], s);
    expect(s.layers[0].fraction).toBeCloseTo(0.625);
    s = fold([ev('aaaaaaaaaaaa', 'Pull complete'), ev('bbbbbbbbbbbb', 'Already exists')], s);
    expect(s.layers.map((l) => l.fraction)).toEqual([1, 1]);
    expect(overallFraction(s)).toBe(1);
  });

  it('averages the layers for the overall bar and never goes back on a status without numbers', () => {
    let s = fold([ev('aaaaaaaaaaaa', 'Downloading', 100, 100), ev('bbbbbbbbbbbb', 'Waiting')]);
    expect(overallFraction(s)).toBeCloseTo(0.25);
    s = fold([ev('aaaaaaaaaaaa', 'Verifying Checksum')], s);
    expect(s.layers[0].fraction).toBe(0.5);
    expect(overallFraction(initialPull)).toBe(0);
  });

  it('keeps the image-wide lines once each, in order', () => {
    const s = fold([ev('', 'Digest: sha256:abc'), ev('', 'Digest: sha256:abc'), ev('', 'Status: Downloaded newer image for x:v1')]);
    expect(s.messages).toEqual(['Digest: sha256:abc', 'Status: Downloaded newer image for x:v1']);
    expect(s.layers).toEqual([]);
  });
});

describe('applyPullEvent', () => {
  it('ends with the image on done and with the server message on error', () => {
    const done = applyPullEvent(initialPull, 'done', JSON.stringify({ reference: 'x:v1', image_id: 'sha256:1', digest: '', status: '' }));
    expect(done.done?.image_id).toBe('sha256:1');
    expect(overallFraction(done)).toBe(1);
    const failed = applyPullEvent(initialPull, 'error', JSON.stringify({ error: { code: 'image_not_found', message: 'manifest unknown' } }));
    expect(failed.error).toBe('manifest unknown');
    expect(applyPullEvent(initialPull, 'progress', '{not json').error).toMatch(/unreadable progress/);
    expect(applyPullEvent(initialPull, 'ping', '{}')).toBe(initialPull);
  });
});
