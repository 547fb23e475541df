// DSFR table (1.14 markup). The table scrolls inside its own container on narrow screens, so the
// page itself never scrolls horizontally; the container becomes focusable when it does scroll
// (keyboard users can then scroll it).
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { cx } from "@codegouvfr/react-dsfr/tools/cx.js";

export interface DataTableHeader {
  content: ReactNode;
  /** Plain text of the header (labels of the stacked layout); defaults to content when a string. */
  label?: string;
  sort?: "ascending" | "descending" | "none";
}

export interface DataTableRow {
  key: string;
  cells: ReactNode[];
  testId?: string;
}

interface Props {
  caption: ReactNode;
  /** Visually hide the caption (kept for screen readers). */
  hideCaption?: boolean;
  headers: (ReactNode | DataTableHeader)[];
  rows: DataTableRow[];
  /** The first cell of each row is a row header. */
  rowHeaders?: boolean;
  testId?: string;
  className?: string;
  /**
   * Below the md breakpoint, show each row as a block of "header: value" lines instead of a
   * horizontally scrolling table (explicit ARIA roles keep the table semantics).
   */
  stacked?: boolean;
}

function isHeaderObject(header: ReactNode | DataTableHeader): header is DataTableHeader {
  return typeof header === "object" && header !== null && "content" in header;
}

function headerLabel(header: ReactNode | DataTableHeader): string | undefined {
  if (isHeaderObject(header)) return header.label ?? (typeof header.content === "string" ? header.content : undefined);
  return typeof header === "string" ? header : undefined;
}

export function DataTable({ caption, hideCaption, headers, rows, rowHeaders, testId, className, stacked }: Props) {
  const captionId = useId();
  const labels = headers.map(headerLabel);
  const containerRef = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const update = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [rows.length]);

  return (
    <div className={cx(fr.cx("fr-table", hideCaption && "fr-table--no-caption"), stacked && "spie-table--stacked", className)} data-testid={testId}>
      <div className="fr-table__wrapper">
        <div
          className="fr-table__container"
          ref={containerRef}
          // Positioned, so that visually hidden (absolute) texts inside cells scroll with the
          // table instead of widening the page.
          style={{ position: "relative" }}
          {...(scrolls ? { tabIndex: 0, role: "region", "aria-labelledby": captionId } : {})}
        >
          <div className="fr-table__content">
            <table role={stacked ? "table" : undefined}>
              <caption id={captionId}>{caption}</caption>
              <thead role={stacked ? "rowgroup" : undefined}>
                <tr role={stacked ? "row" : undefined}>
                  {headers.map((header, i) =>
                    isHeaderObject(header) ? (
                      <th key={i} scope="col" aria-sort={header.sort} role={stacked ? "columnheader" : undefined}>
                        {header.content}
                      </th>
                    ) : (
                      <th key={i} scope="col" role={stacked ? "columnheader" : undefined}>
                        {header}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody role={stacked ? "rowgroup" : undefined}>
                {rows.map((row) => (
                  <tr key={row.key} data-testid={row.testId} role={stacked ? "row" : undefined}>
                    {row.cells.map((cell, j) =>
                      rowHeaders && j === 0 ? (
                        <th key={j} scope="row" role={stacked ? "rowheader" : undefined}>
                          {cell}
                        </th>
                      ) : (
                        <td key={j} role={stacked ? "cell" : undefined} data-label={stacked ? labels[j] : undefined}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
