import { Text } from "@mantine/core";
import { type KeyboardEvent, useRef, useState } from "react";
import { scaleSummary } from "../../lib/scale-text.ts";
import type { Grid } from "./api/observations.ts";
import { CellInfo } from "./cell-info.tsx";
import { cellKey, type useGridEdits } from "./use-grid-edits.ts";

type Edits = ReturnType<typeof useGridEdits>;

/**
 * Pupils × measures as a spreadsheet. One cell at a time is in the tab order;
 * arrow keys move between cells, typing replaces a cell's value, Enter and Tab
 * accept it and move on, Escape puts back the saved value.
 */
export function EntryGrid({ grid, edits, label }: { grid: Grid; edits: Edits; label: string }) {
  const { pupils, measures } = grid;
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [refused, setRefused] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const keyAt = (row: number, col: number) =>
    cellKey(pupils[row]?.id ?? "", measures[col]?.id ?? "");

  const moveTo = (row: number, col: number) => {
    const r = Math.min(Math.max(row, 0), pupils.length - 1);
    const c = Math.min(Math.max(col, 0), measures.length - 1);
    setActive({ row: r, col: c });
    const input = inputs.current.get(keyAt(r, c));
    input?.focus();
    input?.select();
  };

  /** Accepts the cell; when its text does not fit the scale, stays and says why. */
  const accept = (key: string) => {
    const ok = edits.commit(key);
    setRefused(ok ? null : key);
    return ok;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const key = keyAt(row, col);
    const input = event.currentTarget;
    const length = input.value.length;
    const all = input.selectionStart === 0 && input.selectionEnd === length;
    const move = (r: number, c: number) => {
      event.preventDefault();
      if (accept(key)) moveTo(r, c);
    };
    switch (event.key) {
      case "ArrowUp":
        return move(row - 1, col);
      case "ArrowDown":
        return move(row + 1, col);
      case "ArrowLeft":
        if (all || input.selectionStart === 0) move(row, col - 1);
        return;
      case "ArrowRight":
        if (all || input.selectionEnd === length) move(row, col + 1);
        return;
      case "Enter":
        return move(event.shiftKey ? row - 1 : row + 1, col);
      case "Tab": {
        const edge = event.shiftKey ? col === 0 : col === measures.length - 1;
        // At the row's edge Tab leaves the grid, once the cell is accepted.
        if (edge) {
          if (!accept(key)) event.preventDefault();
          return;
        }
        return move(row, event.shiftKey ? col - 1 : col + 1);
      }
      case "Escape":
        event.preventDefault();
        edits.revert(key);
        setRefused(null);
        requestAnimationFrame(() => input.select());
        return;
    }
  };

  const activeKey = keyAt(active.row, active.col);
  return (
    <>
      <CellInfo
        pupil={pupils[active.row]}
        measure={measures[active.col]}
        error={edits.errorOf(activeKey)}
        announce={refused === activeKey}
      />
      <div className="data-table-region">
        <table className="entry-grid" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Pupil</th>
              {measures.map((m) => (
                <th key={m.id} scope="col">
                  {m.name}
                  <span className="scale-hint">{scaleSummary(m)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pupils.map((p, row) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  <Text span size="xs" c="dimmed">
                    {" "}
                    Y{p.yearGroup}
                  </Text>
                </th>
                {measures.map((m, col) => {
                  const key = cellKey(p.id, m.id);
                  const error = edits.errorOf(key);
                  const state = error ? "invalid" : edits.drafts.has(key) ? "changed" : undefined;
                  const isActive = row === active.row && col === active.col;
                  return (
                    <td key={m.id} data-state={state}>
                      <input
                        ref={(el) => {
                          if (el) inputs.current.set(key, el);
                          else inputs.current.delete(key);
                        }}
                        className="entry-cell"
                        aria-label={`${m.name} for ${p.name}`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={isActive ? "cell-info" : undefined}
                        tabIndex={isActive ? 0 : -1}
                        value={edits.textOf(key)}
                        autoComplete="off"
                        spellCheck={false}
                        onChange={(e) => edits.setText(key, e.currentTarget.value)}
                        onFocus={(e) => {
                          if (!isActive) setActive({ row, col });
                          e.currentTarget.select();
                        }}
                        onBlur={() => accept(key)}
                        onKeyDown={(e) => onKeyDown(e, row, col)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
