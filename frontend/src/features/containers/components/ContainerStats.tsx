// A running container's resource use (refreshed every 3 s) and its processes (every 5 s).
import type { ReactNode } from 'react';
import { bytes, percent } from '../../../shared/format';
import { ScrollBox } from '../../../shared/ui/ScrollBox';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useContainerStats, useContainerTop } from '../queries';

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return <div className="stat"><dt>{label}</dt><dd>{children}</dd></div>;
}

export function ContainerStats({ id, host, running }: { id: string; host: string; running: boolean }) {
  const stats = useContainerStats(id, host, running);
  if (!running) return <p className="hint">Resource use is shown while the container runs.</p>;
  if (stats.error) return <ErrorState error={stats.error} />;
  const s = stats.data;
  if (!s) return <LoadingState />;
  return (
    <dl className="stats" aria-label="Resource use">
      <Stat label="CPU">{s.cpu_percent.toFixed(1)} %</Stat>
      <Stat label="Memory">{bytes(s.memory_bytes)}{s.memory_limit_bytes ? ` of ${bytes(s.memory_limit_bytes)} (${percent(s.memory_bytes, s.memory_limit_bytes)} %)` : ''}
        <progress max={100} value={s.memory_percent} aria-label="Memory used" /></Stat>
      <Stat label="Network">↓ {bytes(s.net_rx_bytes)} · ↑ {bytes(s.net_tx_bytes)}</Stat>
      <Stat label="Block I/O">read {bytes(s.block_read_bytes)} · written {bytes(s.block_write_bytes)}</Stat>
      <Stat label="Processes">{s.pids}</Stat>
    </dl>
  );
}

export function ContainerTop({ id, host, running }: { id: string; host: string; running: boolean }) {
  const top = useContainerTop(id, host, running);
  if (!running) return <p className="hint">Processes are listed while the container runs.</p>;
  if (top.error) return <ErrorState error={top.error} />;
  if (!top.data) return <LoadingState />;
  return (
    <ScrollBox label="Processes">
      <table>
        <caption className="sr-only">Processes in the container</caption>
        <thead><tr>{top.data.titles.map((t) => <th key={t} scope="col">{t}</th>)}</tr></thead>
        <tbody>{top.data.processes.map((p, i) => <tr key={i}>{p.map((v, j) => <td key={j}><code>{v}</code></td>)}</tr>)}</tbody>
      </table>
    </ScrollBox>
  );
}
