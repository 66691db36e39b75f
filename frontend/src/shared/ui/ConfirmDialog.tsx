// A modal question before anything is destroyed or interrupted. It names what will go (`items`),
// the confirm button says the action ("Delete 3 apps"), focus starts on Cancel, Escape cancels,
// Tab stays inside (on its buttons and any control its body holds), and focus returns to what opened it.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface ConfirmSpec {
  title: string;
  /** What happens, in a sentence. */
  body?: ReactNode;
  /** The things destroyed or affected, listed by name. */
  items?: string[];
  confirmLabel: string;
  danger?: boolean;
}

export function ConfirmDialog({ spec, onConfirm, onCancel }: { spec: ConfirmSpec; onConfirm: () => void; onCancel: () => void }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLButtonElement>('button[data-cancel]')?.focus();
    return () => opener?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); onCancel(); return; }
    if (e.key !== 'Tab') return;
    // The buttons, and any control the body holds (a checkbox that changes what the action does).
    const stops = [...(box.current?.querySelectorAll<HTMLElement>('button, input, select, textarea') ?? [])];
    const i = stops.indexOf(document.activeElement as HTMLElement);
    e.preventDefault();
    stops[(i + (e.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
  };
  return (
    <div className="modal-backdrop">
      <div ref={box} role="alertdialog" aria-modal="true" aria-labelledby={`${id}-t`} aria-describedby={`${id}-b`}
        className="card modal" onKeyDown={onKeyDown}>
        <h2 id={`${id}-t`}>{spec.title}</h2>
        <div id={`${id}-b`}>
          {spec.body && <p>{spec.body}</p>}
          {spec.items && spec.items.length > 0 && (
            <ul className="confirm-items">{spec.items.slice(0, 20).map((x) => <li key={x}><strong>{x}</strong></li>)}
              {spec.items.length > 20 && <li>and {spec.items.length - 20} more</li>}
            </ul>
          )}
        </div>
        <div className="actions">
          <button type="button" data-cancel onClick={onCancel}>Cancel</button>
          <button type="button" className={spec.danger === false ? 'primary' : 'danger'} onClick={onConfirm}>{spec.confirmLabel}</button>
        </div>
      </div>
    </div>
  );
}
