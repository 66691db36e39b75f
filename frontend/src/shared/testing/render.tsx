// Test harness: renders a tree the way main.tsx does (a fresh query cache, the toasts) into a new
// element, and unmounts everything after each test.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import { ToastProvider } from '../ui/Toast';

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
