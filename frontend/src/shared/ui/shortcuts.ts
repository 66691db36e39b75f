// Keyboard shortcuts of the whole dashboard: `/` focuses the page's search box, `g` then a letter
// goes to a section (`g a` apps, `g o` overview, `g s` settings). Never while typing in a field.
import { useEffect } from 'react';
import { navigate } from '../router';

export const GO_TO: Record<string, string> = { a: '/apps', o: '/', s: '/settings' };
const CHORD_MS = 1500;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The key handler, apart from React for testing; returns true when it acted. */
export function shortcutHandler(): (e: KeyboardEvent) => boolean {
  let gAt = 0;
  return (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return false;
    if (e.key === '/') {
      const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
      if (!search) return false;
      e.preventDefault();
      search.focus();
      return true;
    }
    if (gAt && Date.now() - gAt < CHORD_MS && GO_TO[e.key]) {
      gAt = 0;
      e.preventDefault();
      navigate(GO_TO[e.key]);
      return true;
    }
    gAt = e.key === 'g' ? Date.now() : 0;
    return false;
  };
}

export function useShortcuts(): void {
  useEffect(() => {
    const handle = shortcutHandler();
    const listener = (e: KeyboardEvent) => void handle(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
