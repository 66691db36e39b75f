// Toasts: the result of an action in a corner, read out politely by screen readers, gone after a
// few seconds (a failure stays longer). Field errors stay on their field; the toast is the summary.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'ok' | 'bad';
interface Toast { id: number; tone: ToastTone; text: string }
type Show = (text: string, tone?: ToastTone) => void;

const ToastContext = createContext<Show>(() => undefined);

export function ToastProvider({ children, ms = 6000 }: { children: ReactNode; ms?: number }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback<Show>((text, tone = 'ok') => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-3), { id, tone, text }]);
    setTimeout(() => dismiss(id), tone === 'bad' ? ms * 2 : ms);
  }, [dismiss, ms]);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite" aria-label="Notifications" role="region">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`}>
            <span>{t.text}</span>
            <button type="button" className="link" onClick={() => dismiss(t.id)} aria-label={`Dismiss: ${t.text}`}>×</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
