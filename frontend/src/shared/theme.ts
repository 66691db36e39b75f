// Light / dark / system theme, remembered in localStorage and applied as <html data-theme>.
export type Theme = 'light' | 'dark' | 'system';
const KEY = 'rivetr.theme';

export function storedTheme(): Theme {
  const t = localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

export function applyTheme(t: Theme) {
  if (t === 'system') {
    localStorage.removeItem(KEY);
    document.documentElement.removeAttribute('data-theme');
  } else {
    localStorage.setItem(KEY, t);
    document.documentElement.setAttribute('data-theme', t);
  }
}
