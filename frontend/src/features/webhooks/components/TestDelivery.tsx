// "Send test delivery": the server pings its own public webhook URL, signed as GitHub would sign it,
// and this shows what came back (status, time) with the server's explanation and warning.
import { useTestDelivery } from '../queries';

export function TestDelivery({ appId, canSend }: { appId: string; canSend: boolean }) {
  const test = useTestDelivery(appId);
  const r = test.data;
  return (
    <div className="test-delivery">
      <button type="button" onClick={() => test.mutate()} disabled={!canSend || test.isPending} aria-busy={test.isPending}
        title={canSend ? undefined : 'Developers and admins can send a test delivery'}>
        {test.isPending ? 'Sending…' : 'Send test delivery'}
      </button>
      {!canSend && <small className="hint"> Developers and admins can send a test delivery.</small>}
      {r && (
        <div role="status" aria-label="Test delivery result">
          <p className={`note ${r.ok ? 'ok' : 'bad'}`}>
            {r.ok ? 'Delivered' : 'Not delivered'}: {r.status !== null ? `HTTP ${r.status}` : 'no answer'} in {r.duration_ms} ms — {r.explanation}
          </p>
          {r.warning && <p className="note bad">{r.warning}</p>}
        </div>
      )}
    </div>
  );
}
