// A tab list as screen readers and keyboards expect it (WAI-ARIA tabs pattern): one tab in the Tab
// order, arrow keys / Home / End move between tabs and select them, each tab names its panel.
import { useRef, type KeyboardEvent } from 'react';

export const tabId = (prefix: string, key: string) => `${prefix}-tab-${key}`;
export const panelId = (prefix: string) => `${prefix}-panel`;

interface Props<T extends string> {
  id: string;
  label: string;
  tabs: readonly (readonly [T, string])[];
  selected: T;
  onSelect: (key: T) => void;
}

export function Tabs<T extends string>({ id, label, tabs, selected, onSelect }: Props<T>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex(([k]) => k === selected);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = (moves[e.key] + tabs.length) % tabs.length;
    onSelect(tabs[next][0]);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" ref={list} onKeyDown={onKeyDown}>
      {tabs.map(([key, text]) => (
        <button key={key} id={tabId(id, key)} type="button" role="tab" aria-selected={key === selected}
          aria-controls={panelId(id)} tabIndex={key === selected ? 0 : -1} onClick={() => onSelect(key)}>
          {text}
        </button>
      ))}
    </div>
  );
}
