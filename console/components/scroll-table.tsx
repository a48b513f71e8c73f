/**
 * A table that scrolls sideways on a narrow screen instead of breaking the
 * page: a focusable region named for what it lists (so a keyboard can
 * scroll it), its column headings, and the rows given.
 */
import type { ComponentChildren } from 'preact';

export function ScrollTable({ label, columns, children }: { label: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
