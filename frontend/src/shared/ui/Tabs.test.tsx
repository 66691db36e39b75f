// Tabs by keyboard: only the selected tab is in the Tab order; arrows, Home and End move and select.
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { panelId, Tabs } from './Tabs';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TABS = [['a', 'Alpha'], ['b', 'Beta'], ['c', 'Gamma']] as const;

function Harness() {
  const [t, setT] = useState<'a' | 'b' | 'c'>('a');
  return <><Tabs id="x" label="Sections" tabs={TABS} selected={t} onSelect={setT} /><div id={panelId('x')} role="tabpanel">{t}</div></>;
}

describe('Tabs', () => {
  it('moves and selects with the arrow keys, Home and End, and keeps one tab in the Tab order', () => {
    const div = document.createElement('div');
    document.body.appendChild(div);
    act(() => createRoot(div).render(<Harness />));
    const tabs = () => [...div.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const press = (key: string) => act(() => { document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })); });
    expect(div.querySelector('[role="tablist"]')!.getAttribute('aria-label')).toBe('Sections');
    expect(tabs().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    expect(tabs()[0].getAttribute('aria-controls')).toBe('x-panel');

    tabs()[0].focus();
    press('ArrowRight');
    expect(document.activeElement?.textContent).toBe('Beta');
    expect(tabs()[1].getAttribute('aria-selected')).toBe('true');
    expect(div.querySelector('[role="tabpanel"]')!.textContent).toBe('b');
    press('End');
    expect(document.activeElement?.textContent).toBe('Gamma');
    press('ArrowRight');
    expect(document.activeElement?.textContent).toBe('Alpha');
    press('ArrowLeft');
    expect(document.activeElement?.textContent).toBe('Gamma');
    press('Home');
    expect(div.querySelector('[role="tabpanel"]')!.textContent).toBe('a');
    expect(tabs().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
  });
});
