// How long something took ("1m 12s"), counting up each second on the shared clock while it runs.
import { useNow } from '../clock';
import { duration } from '../format';

export function Duration({ from, to }: { from: string | null; to: string | null }) {
  // A finished span never changes: it reads the clock at a coarse step, which costs no re-render.
  const now = useNow(to || !from ? 3_600_000 : 1000);
  const text = duration(from, to, now);
  return text ? <span className="duration">{text}</span> : null;
}
