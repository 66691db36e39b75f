// Keyboard shortcuts: `/` focuses the page's search, `g a` goes to the apps, and neither fires
// while the user types in a field.
import { describe, expect, it } from 'vitest';
import { shortcutHandler } from './shortcuts';

const key = (k: string, target: EventTarget = document.body) => {
  const e = new KeyboardEvent('keydown', { key: k, cancelable: true });
  Object.defineProperty(e, 'target', { value: target });
  return e;
};

describe('shortcuts', () => {
  it('focuses the search box with /', () => {
    document.body.innerHTML = '<main><input type="search" id="s"></main>';
    const handle = shortcutHandler();
    expect(handle(key('/'))).toBe(true);
    expect(document.activeElement?.id).toBe('s');
  });

  it('goes to the apps with g then a, not with a alone or while typing', () => {
    history.replaceState(null, '', '/settings');
    document.body.innerHTML = '<input id="field">';
    const handle = shortcutHandler();
    handle(key('a'));
    expect(location.pathname).toBe('/settings');
    const field = document.getElementById('field')!;
    handle(key('g', field));
    handle(key('a', field));
    expect(location.pathname).toBe('/settings');
    handle(key('g'));
    expect(handle(key('a'))).toBe(true);
    expect(location.pathname).toBe('/apps');
  });
});
