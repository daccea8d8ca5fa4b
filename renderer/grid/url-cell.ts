import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { isHttpUrl, type DealRow } from '../../shared/model/deal';
import { desktop } from '../api/desktop';

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname.replace(/^www\./, '') + (u.pathname.length > 1 ? u.pathname : '');
  } catch {
    return url;
  }
}

/** The cell's content: a link for an http(s) URL, plain text for anything else, nothing when empty. */
export function urlCellContent(url: string | null | undefined): HTMLElement | null {
  if (!url) return null;
  if (!isHttpUrl(url)) {
    const span = document.createElement('span');
    span.textContent = url;
    return span;
  }
  const a = document.createElement('a');
  a.className = 'url-cell';
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.title = url;
  a.tabIndex = -1;
  a.textContent = shortUrl(url);
  a.addEventListener('click', (e) => {
    // The desktop app opens links in the system browser, never in its own window.
    if (!desktop) return;
    e.preventDefault();
    void desktop.openExternal(url);
  });
  return a;
}

/**
 * A source link. Only http(s) URLs become links (a new tab in the browser, the system browser in the desktop
 * app); anything else is shown as plain text and can never be followed.
 */
export class UrlCell implements ICellRendererComp<DealRow> {
  private readonly gui = document.createElement('span');

  init(params: ICellRendererParams<DealRow, string | null>): void {
    this.refresh(params);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams<DealRow, string | null>): boolean {
    this.gui.replaceChildren(...[urlCellContent(params.value)].filter((el) => el !== null));
    return true;
  }
}
