// Entry point: theme first (no flash), then the app inside the query cache and the toasts.
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './shared/data/queryClient';
import { applyTheme, storedTheme } from './shared/theme';
import { ToastProvider } from './shared/ui/Toast';
import './shared/styles.css';

applyTheme(storedTheme());
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={createQueryClient()}>
    <ToastProvider>
      <App />
    </ToastProvider>
  </QueryClientProvider>,
);
