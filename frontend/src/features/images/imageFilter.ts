// The images list's search box and kind filter, as pure functions, and the prune plan's summary.
import type { Image, ImagePrune } from '../../shared/api/types';

export type ImageKind = 'all' | 'in use' | 'unused' | 'dangling';
export const IMAGE_KINDS: ImageKind[] = ['all', 'in use', 'unused', 'dangling'];

export function hasKind(image: Image, kind: ImageKind): boolean {
  if (kind === 'dangling') return image.dangling;
  if (kind === 'in use') return image.in_use;
  if (kind === 'unused') return !image.in_use;
  return true;
}

/** Every word of `query` must appear in the image's tags, id, digests, host or users' names. */
export function filterImages(images: Image[], query: string, kind: ImageKind): Image[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return images.filter((i) => {
    if (!hasKind(i, kind)) return false;
    const hay = [i.id, i.host, ...i.tags, ...i.digests, ...i.used_by.map((c) => c.name)].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** What a row is called: its first tag, or its short id when it has none. */
export const imageName = (i: { tags: string[]; short_id?: string; id: string }) =>
  i.tags[0] ?? i.short_id ?? i.id.replace(/^sha256:/, '').slice(0, 12);

export interface PlanSummary {
  count: number;
  dangling: number;
  /** Tagged images no container uses (only an "unused" prune takes them). */
  unusedTagged: number;
  sizeBytes: number;
}

export function summarizePlan(plan: ImagePrune): PlanSummary {
  const dangling = plan.images.filter((i) => i.tags.length === 0).length;
  return { count: plan.images.length, dangling, unusedTagged: plan.images.length - dangling, sizeBytes: plan.size_bytes };
}

/** "KEY=VALUE" -> {KEY: VALUE}, "KEY" -> {KEY: ""} (any value), "" -> no label filter. */
export function labelFilter(label: string): Record<string, string> | undefined {
  const l = label.trim();
  if (!l) return undefined;
  const eq = l.indexOf('=');
  return eq < 0 ? { [l]: '' } : { [l.slice(0, eq)]: l.slice(eq + 1) };
}
