// Entry point: theme first (no flash), then the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, storedTheme } from './theme';
import './styles.css';

applyTheme(storedTheme());
createRoot(document.getElementById('root')!).render(<App />);
