// Navigation for the whole dashboard, on wouter (see README: small, hooks-based, nested routes).
// Every path here is absolute, even inside a nested route: wouter's own Link and navigate are
// relative to the nearest `nest` base, which is a trap when a link crosses features.
import { type AnchorHTMLAttributes, type Dispatch, type MouseEvent, type SetStateAction, useEffect, useState } from 'react';
import { navigate as browserNavigate, usePathname, useSearch } from 'wouter/use-browser-location';

export function navigate(to: string, replace = false) {
  browserNavigate(to, { replace });
}

/** The browser's path alone: a change of the query string (a search box) does not re-render the caller. */
export const usePath = (): string => usePathname();

/** The browser's path and query, whatever route nesting the caller sits in. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const path = usePathname();
  const search = useSearch();
  return { path, query: new URLSearchParams(search) };
}

/**
 * A page's view state (its filters, the host it shows) kept in the URL's query string, so a reload or a
 * shared link shows the same view: read from the query once, written back (replacing the history entry,
 * not adding one) on every change. `toQuery` leaves out what is at its default.
 */
export function useQueryState<T>(fromQuery: (q: URLSearchParams) => T, toQuery: (v: T) => URLSearchParams): [T, Dispatch<SetStateAction<T>>] {
  const { path, query } = useLocation();
  const [value, setValue] = useState<T>(() => fromQuery(query));
  const search = toQuery(value).toString();
  useEffect(() => { navigate(`${path}${search ? '?' + search : ''}`, true); }, [path, search]);
  return [value, setValue];
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
