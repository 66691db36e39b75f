// What a host's images, containers, volumes and build cache take on its disk, and what a prune could free.
import { bytes } from '../../../shared/format';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useDiskUsage } from '../queries';
import type { DiskUsageLine } from '../../../shared/api/types';

const LINES = [['images', 'Images'], ['containers', 'Containers'], ['volumes', 'Volumes'], ['build_cache', 'Build cache']] as const;

export function DiskUsageSummary({ host, hostName }: { host: string; hostName: string }) {
  const usage = useDiskUsage(host);
  // The card is already the region "Disk usage on …"; its scroll box needs a name of its own (axe: landmark-unique).
  return (
    <section className="card disk-usage" aria-labelledby="disk-usage-title">
      <h2 id="disk-usage-title">Disk usage <small className="hint">on {hostName}</small></h2>
      {usage.error && <ErrorState error={usage.error} prefix="Disk usage unavailable" retry={() => void usage.refetch()} />}
      {usage.isPending && !usage.error ? <LoadingState what="Measuring (the engine sizes every volume)…" /> : usage.data && (
        <ScrollBox label={`Disk usage table on ${hostName}`}><table aria-label={`Disk usage on ${hostName}`}>
          <thead><tr><th scope="col">Kind</th><th scope="col">Count (active)</th><th scope="col">Size</th><th scope="col">Reclaimable</th></tr></thead>
          <tbody>
            {LINES.map(([key, label]) => {
              const l: DiskUsageLine = usage.data[key];
              return <tr key={key}><th scope="row">{label}</th><td>{l.total} ({l.active})</td><td>{bytes(l.size_bytes)}</td><td>{bytes(l.reclaimable_bytes)}</td></tr>;
            })}
          </tbody>
        </table></ScrollBox>
      )}
    </section>
  );
}
