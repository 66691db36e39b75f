// The route table: nested sections render inside their layout, params reach the page, a path no
// route knows (at any depth) gets the not-found page, and links are absolute from inside a section.
import { QueryClient } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useParams } from 'wouter';
import { Link, navigate } from '../shared/router';
import { preloadPage, RouteTree, type RouteNode } from './routes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const Detail = () => { const { id } = useParams<{ id: string }>(); return <h1>detail {id} <Link href="/settings">settings</Link></h1>; };
const table: RouteNode[] = [
  { path: '/', page: () => <h1>home</h1> },
  {
    path: '/apps',
    layout: ({ children }) => <div data-layout="apps">{children}</div>,
    children: [{ path: '/', page: () => <h1>list</h1> }, { path: '/new', page: () => <h1>new</h1> }, { path: '/:id', page: Detail }],
  },
  { path: '/settings', page: () => <h1>settings</h1> },
];

const mounted: Root[] = [];
afterEach(() => act(() => mounted.splice(0).forEach((r) => r.unmount())));

async function at(path: string) {
  act(() => history.replaceState(null, '', path));
  const div = document.createElement('div');
  document.body.appendChild(div);
  const root = createRoot(div);
  mounted.push(root);
  await act(async () => root.render(<RouteTree nodes={table} />));
  return div;
}

describe('RouteTree', () => {
  it('renders nested pages inside their layout, with their params', async () => {
    expect((await at('/apps')).querySelector('[data-layout="apps"] h1')?.textContent).toBe('list');
    expect((await at('/apps/new')).querySelector('h1')?.textContent).toBe('new');
    const d = await at('/apps/shop%20one');
    expect(d.querySelector('[data-layout="apps"] h1')?.textContent).toBe('detail shop one settings');
    expect(d.querySelector('a')?.getAttribute('href')).toBe('/settings');
  });

  it('answers an unknown path with the not-found page, at the top and inside a section', async () => {
    expect((await at('/nowhere')).querySelector('h1')?.textContent).toBe('Not found');
    const deep = await at('/apps/shop/extra');
    expect(deep.querySelector('h1')?.textContent).toBe('Not found');
    expect(deep.textContent).toContain('There is no page at /apps/shop/extra');
  });

  it('follows navigation without a reload', async () => {
    const div = await at('/');
    await act(async () => navigate('/apps/new'));
    expect(div.querySelector('h1')?.textContent).toBe('new');
    await act(async () => navigate('/settings', true));
    expect(div.querySelector('h1')?.textContent).toBe('settings');
  });
});

describe('preloadPage', () => {
  it('starts loading exactly the page a path shows, nested or not', () => {
    const loaded: string[] = [];
    const page = (name: string) => () => { loaded.push(name); return Promise.resolve({ default: () => null }); };
    const nodes: RouteNode[] = [
      { path: '/', load: page('home') },
      { path: '/apps', children: [{ path: '/', load: page('list') }, { path: '/new', load: page('new') }, { path: '/:id', load: page('detail') }] },
    ];
    for (const p of ['/', '/apps', '/apps/new', '/apps/shop', '/apps/shop/x', '/nowhere']) preloadPage(p, null, nodes);
    expect(loaded).toEqual(['home', 'list', 'new', 'detail']);
  });

  it('asks the page\'s first query at once, and only for that page', () => {
    const asked: string[] = [];
    const qc = new QueryClient();
    const fetchInto = (name: string) => (c: QueryClient) => void c.prefetchQuery({ queryKey: [name], queryFn: () => { asked.push(name); return name; } });
    const noPage = () => Promise.resolve({ default: () => null });
    const nodes: RouteNode[] = [
      { path: '/', load: noPage },
      { path: '/containers', children: [{ path: '/', load: noPage, data: fetchInto('list') }, { path: '/:id', load: noPage, data: fetchInto('detail') }] },
    ];
    preloadPage('/containers', qc, nodes);
    preloadPage('/', qc, nodes);
    preloadPage('/containers', null, nodes);  // no cache: the page asks itself
    expect(asked).toEqual(['list']);
  });
});
