// The terminal's WebSocket: same origin as the page (the API's address, or the dashboard domain through the
// proxy), the session cookie as the only credential, keystrokes as binary frames, resizes as JSON text frames.

/** ws(s)://<this page's host>/api/containers/<id>/terminal?… — never a token in the URL (the server refuses one). */
export function terminalUrl(location: Pick<Location, 'protocol' | 'host'>, containerId: string, host?: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams({ shell: 'auto' });
  if (host) query.set('host', host);
  return `${scheme}//${location.host}/api/containers/${encodeURIComponent(containerId)}/terminal?${query}`;
}

export function resizeFrame(cols: number, rows: number): string {
  return JSON.stringify({ type: 'resize', cols, rows });
}

const encoder = new TextEncoder();
/** Keystrokes go as binary frames, so typed or pasted JSON is never taken for a control message. */
export function keystrokes(data: string): Uint8Array {
  return encoder.encode(data);
}
