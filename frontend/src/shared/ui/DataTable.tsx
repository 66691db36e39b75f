// The table every list page uses: sortable columns, a page of rows at a time (a list of 1,000+
// renders 100 until asked for more), multi-select with bulk actions, and a column choice that is
// remembered per table. Search and filters belong to the page: it passes the rows they leave.
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ScrollBox } from './ScrollBox';

export interface Column<R> {
  id: string;
  header: string;
  cell: (row: R) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: R) => string | number;
  /** Always shown (the column that names the row). */
  required?: boolean;
  /** Hidden until the user asks for it in "Columns". */
  optional?: boolean;
}

interface Props<R> {
  /** Names the table for its remembered column choice. */
  id: string;
  caption: string;
  rows: R[];
  rowKey: (row: R) => string;
  columns: Column<R>[];
  pageSize?: number;
  /** When it changes (a new search or filter), paging starts again from the first page. */
  resetKey?: string;
  /** Names a row for its select checkbox ("Select shop"). */
  rowLabel?: (row: R) => string;
  bulkActions?: (selected: R[], clear: () => void) => ReactNode;
  /** A data attribute every row carries with its key (e.g. "data-container-id"), for tests and benchmarks. */
  keyAttribute?: `data-${string}`;
}

type Sort = { id: string; dir: 1 | -1 } | null;

const storageKey = (id: string) => `rivetr.columns.${id}`;
function storedHidden<R>(id: string, columns: Column<R>[]): string[] {
  const byDefault = columns.filter((c) => c.optional).map((c) => c.id);
  try {
    const v = JSON.parse(localStorage.getItem(storageKey(id)) ?? 'null');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : byDefault;
  } catch {
    return byDefault;
  }
}

function sortRows<R>(rows: R[], columns: Column<R>[], sort: Sort): R[] {
  const col = sort && columns.find((c) => c.id === sort.id);
  if (!sort || !col?.sortValue) return rows;
  const value = col.sortValue;
  return [...rows].sort((a, b) => {
    const x = value(a), y = value(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
  });
}

function ColumnChoice<R>({ columns, hidden, setHidden }: { columns: Column<R>[]; hidden: string[]; setHidden: (h: string[]) => void }) {
  return (
    <details className="columns">
      <summary>Columns</summary>
      <fieldset>
        <legend className="sr-only">Columns shown</legend>
        {columns.filter((c) => !c.required).map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={!hidden.includes(c.id)}
              onChange={(e) => setHidden(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])} />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

interface RowProps<R> {
  row: R;
  rowKey: string;
  columns: Column<R>[];
  selectable: boolean;
  selected: boolean;
  label: string;
  onToggle: (key: string, on: boolean) => void;
  keyAttribute?: string;
}

// A row re-renders only when its data, its selection or the columns change: typing in the search
// box re-renders the page, not a hundred unchanged rows.
function RowView<R>({ row, rowKey, columns, selectable, selected, label, onToggle, keyAttribute }: RowProps<R>) {
  return (
    <tr className={selected ? 'selected' : undefined} {...(keyAttribute ? { [keyAttribute]: rowKey } : {})}>
      {selectable && (
        <td className="select">
          <input type="checkbox" aria-label={`Select ${label}`} checked={selected} onChange={(e) => onToggle(rowKey, e.target.checked)} />
        </td>
      )}
      {columns.map((c) => <td key={c.id} className={`col-${c.id}`}>{c.cell(row)}</td>)}
    </tr>
  );
}
const Row = memo(RowView) as typeof RowView;

export function DataTable<R>({ id, caption, rows, rowKey, columns, pageSize = 100, resetKey, rowLabel, bulkActions, keyAttribute }: Props<R>) {
  const [sort, setSort] = useState<Sort>(null);
  const [limit, setLimit] = useState(pageSize);
  const [hidden, setHiddenState] = useState<string[]>(() => storedHidden(id, columns));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Rows get their checkboxes when the user starts selecting: a long list stays light until then.
  const [selecting, setSelecting] = useState(false);
  const selectable = Boolean(bulkActions) && selecting;
  useEffect(() => setLimit(pageSize), [resetKey, pageSize]);

  const setHidden = (h: string[]) => { setHiddenState(h); localStorage.setItem(storageKey(id), JSON.stringify(h)); };
  const shownColumns = useMemo(() => columns.filter((c) => c.required || !hidden.includes(c.id)), [columns, hidden]);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const page = sorted.slice(0, limit);
  const keys = useMemo(() => new Set(rows.map(rowKey)), [rows, rowKey]);
  const chosen = rows.filter((r) => selected.has(rowKey(r)));
  const pageKeys = page.map(rowKey);
  const allOnPage = pageKeys.length > 0 && pageKeys.every((k) => selected.has(k));
  // A selected row that left the list (deleted, filtered out) is no longer selected.
  useEffect(() => setSelected((s) => (([...s].every((k) => keys.has(k))) ? s : new Set([...s].filter((k) => keys.has(k))))), [keys]);

  const toggle = useCallback((k: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(k); else n.delete(k); return n; }), []);
  const togglePage = (on: boolean) => setSelected((s) => { const n = new Set(s); pageKeys.forEach((k) => (on ? n.add(k) : n.delete(k))); return n; });
  const clear = useCallback(() => setSelected(new Set()), []);
  const sortBy = (c: Column<R>) => setSort((s) => (s?.id === c.id ? (s.dir === 1 ? { id: c.id, dir: -1 } : null) : { id: c.id, dir: 1 }));

  return (
    <div className="datatable">
      <div className="table-tools">
        {bulkActions && (
          <button type="button" aria-pressed={selecting} onClick={() => { setSelecting(!selecting); clear(); }}>
            {selecting ? 'Done selecting' : 'Select'}
          </button>
        )}
        {bulkActions && selectable && chosen.length > 0 && (
          <div className="bulk" role="group" aria-label="Selected rows">
            <span>{chosen.length} selected</span>{bulkActions(chosen, clear)}
            <button type="button" onClick={clear}>Clear selection</button>
          </div>
        )}
        <span className="spacer" />
        <ColumnChoice columns={columns} hidden={hidden} setHidden={setHidden} />
      </div>
      <ScrollBox label={caption}>
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {selectable && (
                <th scope="col" className="select">
                  <input type="checkbox" aria-label="Select all shown rows" checked={allOnPage} onChange={(e) => togglePage(e.target.checked)} />
                </th>
              )}
              {shownColumns.map((c) => (
                <th key={c.id} scope="col" className={`col-${c.id}`}
                  aria-sort={sort?.id === c.id ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                  {c.sortValue ? (
                    <button type="button" className="link sort" onClick={() => sortBy(c)}>
                      {c.header}<span aria-hidden="true">{sort?.id === c.id ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.map((r) => {
              const k = rowKey(r);
              return <Row key={k} row={r} rowKey={k} columns={shownColumns} selectable={selectable} selected={selected.has(k)}
                label={rowLabel?.(r) ?? k} onToggle={toggle} keyAttribute={keyAttribute} />;
            })}
          </tbody>
        </table>
      </ScrollBox>
      {sorted.length > limit && (
        <button type="button" onClick={() => setLimit(limit + pageSize)}>
          Show {Math.min(pageSize, sorted.length - limit)} more (of {sorted.length - limit} not shown)
        </button>
      )}
    </div>
  );
}
