import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import type { PagedList } from './usePagedList';

interface Props<T> {
  list: PagedList<T>;
  rowHeight: number;
  label: string;
  /** The keyboard cursor (highlighted row). */
  cursor: number;
  /** The row whose content the reader shows. */
  openIndex: number | null;
  /** A click: `extend` for Shift (range), `toggle` for Ctrl/Cmd (one row) selection. */
  onActivate(index: number, how: { extend: boolean; toggle: boolean }): void;
  /** Rows in the multi-selection. */
  isSelected?(index: number): boolean;
  renderRow(item: T | undefined, index: number, state: { cursor: boolean; open: boolean }): ReactNode;
  rowKey(item: T | undefined, index: number): string;
  empty: ReactNode;
  idPrefix: string;
}

/**
 * A virtualized listbox over a paged server list: fixed row height, only visible rows in the
 * DOM, and the pages for the visible range (plus overscan) fetched on demand.
 */
export function VirtualList<T>({ list, rowHeight, label, cursor, openIndex, onActivate, isSelected, renderRow, rowKey, empty, idPrefix }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = list.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const last = items.length > 0 ? items[items.length - 1].index : 40;

  const { ensure } = list;
  useEffect(() => {
    ensure(first, Math.max(last, first + 40));
  }, [ensure, first, last, list.version]);

  useEffect(() => {
    if (cursor >= 0 && cursor < count) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, count, virtualizer]);

  if (list.total === 0) return <div className="list-empty">{empty}</div>;
  const loading = list.total === null;

  return (
    <div
      ref={scrollRef}
      className="virtual-scroll"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={cursor >= 0 && cursor < count ? `${idPrefix}-${cursor}` : undefined}
    >
      {loading && !list.error && <div className="list-loading" aria-live="polite">Loading…</div>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((row) => {
          const item = list.get(row.index);
          const isCursor = row.index === cursor;
          const isOpen = row.index === openIndex;
          const selected = isSelected?.(row.index) ?? false;
          return (
            <div
              key={rowKey(item, row.index)}
              id={`${idPrefix}-${row.index}`}
              role="option"
              aria-selected={isOpen || isCursor || selected}
              aria-posinset={row.index + 1}
              aria-setsize={count}
              className={`virtual-row${isCursor ? ' is-cursor' : ''}${isOpen ? ' is-open' : ''}${selected ? ' is-selected' : ''}`}
              data-selected={selected || undefined}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: rowHeight, transform: `translateY(${row.start}px)` }}
              onClick={(e) => {
                if (e.shiftKey) window.getSelection()?.removeAllRanges(); // Shift+click selects rows, not text
                onActivate(row.index, { extend: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
              }}
            >
              {renderRow(item, row.index, { cursor: isCursor, open: isOpen })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
