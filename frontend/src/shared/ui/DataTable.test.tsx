// The shared data table: sorting by a header (and back), a page of rows at a time, selecting rows
// for a bulk action (the action gets exactly the selected rows), and the column choice surviving
// a remount, as it survives a reload.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInto } from '../testing/render';
import { DataTable, type Column } from './DataTable';

interface R { id: string; name: string; size: number }
const rows: R[] = Array.from({ length: 250 }, (_, i) => ({ id: `r${i}`, name: `row-${String(i).padStart(3, '0')}`, size: (i * 37) % 101 }));
const columns: Column<R>[] = [
  { id: 'name', header: 'Name', required: true, sortValue: (r) => r.name, cell: (r) => r.name },
  { id: 'size', header: 'Size', sortValue: (r) => r.size, cell: (r) => String(r.size) },
  { id: 'note', header: 'Note', cell: () => 'n' },
];
const names = (div: HTMLElement) => [...div.querySelectorAll('tbody td.col-name')].map((td) => td.textContent);
const button = (div: HTMLElement, text: string) => [...div.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!;
const click = (el: HTMLElement) => act(() => el.click());

afterEach(() => localStorage.clear());

describe('DataTable', () => {
  it('sorts by a column header, descending on the second click, back to the given order on the third', () => {
    const { div } = renderInto(<DataTable id="t" caption="rows" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    expect(names(div).slice(0, 2)).toEqual(['row-000', 'row-001']);
    click(button(div, 'Size'));
    expect(div.querySelector('th.col-size')!.getAttribute('aria-sort')).toBe('ascending');
    const sizes = () => [...div.querySelectorAll('tbody td.col-size')].map((td) => Number(td.textContent));
    expect(sizes().slice(0, 3)).toEqual([0, 0, 0]);
    click(button(div, 'Size'));
    expect(sizes()[0]).toBe(100);
    click(button(div, 'Size'));
    expect(div.querySelector('th.col-size')!.hasAttribute('aria-sort')).toBe(false);
    expect(names(div)[0]).toBe('row-000');
  });

  it('renders a page of rows and more on request', () => {
    const { div } = renderInto(<DataTable id="t" caption="rows" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    expect(div.querySelectorAll('tbody tr')).toHaveLength(100);
    click(button(div, 'Show 100 more'));
    click(button(div, 'Show 50 more (of 50 not shown)'));
    expect(div.querySelectorAll('tbody tr')).toHaveLength(250);
    expect(button(div, 'Show')).toBeUndefined();
  });

  it('hands the selected rows to a bulk action', () => {
    const bulk = vi.fn();
    const { div } = renderInto(<DataTable id="t" caption="rows" rows={rows} rowKey={(r) => r.id} columns={columns} rowLabel={(r) => r.name}
      bulkActions={(sel, clear) => <button type="button" onClick={() => { bulk(sel.map((r) => r.id)); clear(); }}>Act</button>} />);
    expect(div.querySelector('.bulk')).toBeNull();
    expect(div.querySelector('table input[type="checkbox"]')).toBeNull(); // no checkboxes until the user starts selecting
    click(button(div, 'Select'));
    click(div.querySelector<HTMLInputElement>('input[aria-label="Select row-002"]')!);
    click(div.querySelector<HTMLInputElement>('input[aria-label="Select row-005"]')!);
    expect(div.querySelector('.bulk')!.textContent).toContain('2 selected');
    click(button(div, 'Act'));
    expect(bulk).toHaveBeenCalledWith(['r2', 'r5']);
    expect(div.querySelector('.bulk')).toBeNull();
    click(div.querySelector<HTMLInputElement>('input[aria-label="Select all shown rows"]')!);
    expect(div.querySelector('.bulk')!.textContent).toContain('100 selected');
  });

  it('remembers which columns are shown', () => {
    const first = renderInto(<DataTable id="remember" caption="rows" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    const noteBox = [...first.div.querySelectorAll('.columns label')].find((l) => l.textContent === 'Note')!.querySelector('input')!;
    click(noteBox);
    expect(first.div.querySelector('th.col-note')).toBeNull();
    const again = renderInto(<DataTable id="remember" caption="rows" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    expect(again.div.querySelector('th.col-note')).toBeNull();
    expect(again.div.querySelector('th.col-size')).not.toBeNull();
    expect([...again.div.querySelectorAll('.columns label')].map((l) => l.textContent)).toEqual(['Size', 'Note']); // the name column always shows
  });
});
