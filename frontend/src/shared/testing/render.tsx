// Test harness: renders a tree the way main.tsx does (a fresh query cache, the toasts) into a new
// element, waits for its requests, answers its confirmations, and unmounts everything after each test.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import { ToastProvider } from '../ui/Toast';
import { button } from './dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Root[] = [];
afterEach(() => act(() => mounted.splice(0).forEach((r) => r.unmount())));

/** A cache like the dashboard's, without retries (a test's server answers the same every time). */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });

export function renderInto(ui: ReactNode, client: QueryClient = testQueryClient()): { div: HTMLDivElement; client: QueryClient } {
  const div = document.createElement('div');
  document.body.appendChild(div);
  const root = createRoot(div);
  mounted.push(root);
  act(() => root.render(<QueryClientProvider client={client}><ToastProvider>{ui}</ToastProvider></QueryClientProvider>));
  return { div, client };
}

/** Waits until the cache has no request or change in flight (bounded), then lets React render. */
export async function settle(client: QueryClient, maxMs = 3000): Promise<void> {
  await act(async () => {
    const end = Date.now() + maxMs;
    do await new Promise((r) => setTimeout(r, 10));
    while ((client.isFetching() > 0 || client.isMutating() > 0) && Date.now() < end);
    await new Promise((r) => setTimeout(r, 10));
  });
}

/** Clicks `label` in the open confirmation dialog under `root`, then waits for the request it makes. */
export async function confirmIn(root: HTMLElement, label: string, client: QueryClient) {
  await act(async () => button(root.querySelector('[role="alertdialog"]')!, label)!.click());
  await settle(client);
}
