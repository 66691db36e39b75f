// Entry point: theme first (no flash), then the app.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, storedTheme } from './shared/theme';
import './shared/styles.css';

applyTheme(storedTheme());
createRoot(document.getElementById('root')!).render(<App />);
