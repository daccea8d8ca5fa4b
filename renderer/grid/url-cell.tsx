import type { CustomCellRendererProps } from 'ag-grid-react';
import { isHttpUrl, type DealRow } from '../../shared/deal';

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname.replace(/^www\./, '') + (u.pathname.length > 1 ? u.pathname : '');
  } catch {
    return url;
  }
}

/**
 * A source link. Only http(s) URLs become links (opened in a new window, which the desktop app hands to the
 * system browser); anything else is shown as plain text and can never be followed.
 */
export function UrlCell(props: CustomCellRendererProps<DealRow, string | null>) {
  const url = props.value;
  if (!url) return null;
  if (!isHttpUrl(url)) return <span>{url}</span>;
  return (
    <a className="url-cell" href={url} target="_blank" rel="noopener noreferrer" title={url} tabIndex={-1}>
      {shortUrl(url)}
    </a>
  );
}
