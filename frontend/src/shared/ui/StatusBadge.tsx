// A status word with a colour that never carries the meaning alone (the word is always shown).
const tone: Record<string, string> = {
  running: 'ok', deploying: 'busy', pending: 'busy', cloning: 'busy', building: 'busy', starting: 'busy',
  checking: 'busy', switching: 'busy', failed: 'bad', cancelled: 'muted', replaced: 'muted',
  rolled_back: 'muted', stopped: 'muted', 'not deployed': 'muted', crashed: 'bad', restarting: 'busy',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${tone[status] ?? 'muted'}`}>{status.replace('_', ' ')}</span>;
}
