// Toasts: the result of an action in a corner, read out politely by screen readers, gone after a
// few seconds (a failure stays longer). Field errors stay on their field; the toast is the summary.
// A toast may have a topic (say, one app's start/stop/restart): the next action on that topic takes
// its toast away as it starts, so "Restarted: running" never sits beside a stop in progress.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'ok' | 'bad';
interface Toast { id: number; tone: ToastTone; text: string; topic?: string }
type Show = (text: string, tone?: ToastTone, topic?: string) => void;
interface Toasts { show: Show; clear: (topic: string) => void }

const ToastContext = createContext<Toasts>({ show: () => undefined, clear: () => undefined });

export function ToastProvider({ children, ms = 6000 }: { children: ReactNode; ms?: number }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const clear = useCallback((topic: string) => setToasts((ts) => ts.filter((t) => t.topic !== topic)), []);
  const show = useCallback<Show>((text, tone = 'ok', topic) => {
    const id = next.current++;
    setToasts((ts) => [...ts.filter((t) => !topic || t.topic !== topic).slice(-3), { id, tone, text, topic }]);
    setTimeout(() => dismiss(id), tone === 'bad' ? ms * 2 : ms);
  }, [dismiss, ms]);
  const value = useMemo(() => ({ show, clear }), [show, clear]);
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

/** Shows a toast: `toast(text, tone?, topic?)`. */
export const useToast = () => useContext(ToastContext).show;
/** Takes away the toasts of a topic. */
export const useClearToasts = () => useContext(ToastContext).clear;
