import type { CustomCellRendererProps } from 'ag-grid-react';
import { isHttpUrl, type DealRow } from '../../shared/deal';
import { desktop } from '../api/desktop';

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname.replace(/^www\./, '') + (u.pathname.length > 1 ? u.pathname : '');
  } catch {
    return url;
  }
}

/**
 * A source link. Only http(s) URLs become links (a new tab in the browser, the system browser in the desktop
 * app); anything else is shown as plain text and can never be followed.
 */
export function UrlCell(props: CustomCellRendererProps<DealRow, string | null>) {
  const url = props.value;
  if (!url) return null;
  if (!isHttpUrl(url)) return <span>{url}</span>;
  return (
    <a
      className="url-cell"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      title={url}
      tabIndex={-1}
      onClick={(e) => {
        // The desktop app opens links in the system browser, never in its own window.
        if (!desktop) return;
        e.preventDefault();
        void desktop.openExternal(url);
      }}
    >
      {shortUrl(url)}
    </a>
  );
}
