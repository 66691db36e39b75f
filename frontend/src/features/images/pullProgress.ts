// A pull's progress events (the engine's own: per layer "Downloading 3/10", "Extracting", "Pull
// complete", and lines about the image as a whole) folded into what the page draws: one bar per
// layer and one for the pull. Pure, so every step of the fold is tested.
import type { PullProgress, PullResult } from '../../shared/api/types';

export interface LayerProgress {
  id: string;
  status: string;
  /** 0..1: downloading fills the first half, extracting the second. */
  fraction: number;
  current: number;
  total: number;
}

export interface PullState {
  layers: LayerProgress[];
  /** Lines about the image as a whole ("Pulling from …", "Digest: …", "Status: …"), in order. */
  messages: string[];
  done: PullResult | null;
  error: string | null;
}

export const initialPull: PullState = { layers: [], messages: [], done: null, error: null };

const FINISHED = new Set(['Pull complete', 'Already exists']);
const DOWNLOADED = new Set(['Download complete', 'Verifying Checksum']);
const ratio = (p: PullProgress) => (p.total > 0 ? Math.min(1, Math.max(0, p.current / p.total)) : 0);

function layerFraction(p: PullProgress, before: number): number {
  if (FINISHED.has(p.status)) return 1;
  if (DOWNLOADED.has(p.status)) return Math.max(before, 0.5);
  if (p.status === 'Downloading') return 0.5 * ratio(p);
  if (p.status === 'Extracting') return 0.5 + 0.5 * ratio(p);
  return before; // Pulling fs layer, Waiting, Retrying: no progress yet
}

// A layer's events carry its short id; the image's own carry its tag (or nothing).
const isLayerEvent = (p: PullProgress) => /^[0-9a-f]{12}$/.test(p.id) && !p.status.startsWith('Pulling from');

export function applyProgress(state: PullState, p: PullProgress): PullState {
  if (!isLayerEvent(p)) {
    const line = p.id ? `${p.id}: ${p.status}` : p.status;
    return state.messages[state.messages.length - 1] === line ? state : { ...state, messages: [...state.messages, line] };
  }
  const i = state.layers.findIndex((l) => l.id === p.id);
  const before = i < 0 ? 0 : state.layers[i].fraction;
  const next: LayerProgress = { id: p.id, status: p.status, fraction: layerFraction(p, before), current: p.current, total: p.total };
  const layers = i < 0 ? [...state.layers, next] : state.layers.map((l, j) => (j === i ? next : l));
  return { ...state, layers };
}

/** The pull as a whole, 0..1: its layers' mean (1 once it is done, whatever the engine last said). */
export function overallFraction(state: PullState): number {
  if (state.done) return 1;
  if (state.layers.length === 0) return 0;
  return state.layers.reduce((sum, l) => sum + l.fraction, 0) / state.layers.length;
}

/** One SSE event of the pull stream applied; an unreadable one is an error, not a crash. */
export function applyPullEvent(state: PullState, event: string, data: string): PullState {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return { ...state, error: `the server sent an unreadable ${event} event` };
  }
  if (event === 'progress') return applyProgress(state, body as PullProgress);
  if (event === 'done') return { ...state, done: body as PullResult };
  if (event === 'error') {
    const message = (body as { error?: { message?: string } }).error?.message;
    return { ...state, error: message || 'the pull failed' };
  }
  return state;
}
