// A status word with a colour that never carries the meaning alone (the word is always shown).
// "rolled back" is a deployment that failed its checks (the previous version kept serving): red like
// "failed", unlike "replaced", which is the normal end of a deployment that served.
export const STATUS_TONE: Record<string, string> = {
  running: 'ok', deploying: 'busy', pending: 'busy', cloning: 'busy', building: 'busy', starting: 'busy',
  checking: 'busy', switching: 'busy', failed: 'bad', cancelled: 'muted', replaced: 'muted',
  rolled_back: 'bad', stopped: 'muted', 'not deployed': 'muted', crashed: 'bad', restarting: 'busy',
  // Compose stacks: some services running, a revision deployed, a container's health.
  partial: 'busy', deployed: 'ok', healthy: 'ok', unhealthy: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONE[status] ?? 'muted'}`}>{status.replace('_', ' ')}</span>;
}
