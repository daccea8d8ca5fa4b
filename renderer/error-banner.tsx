import type { ErrorView } from './book/store';

const MAX_LINES = 50;

/** The one place validation and I/O errors show, with every bad cell or line listed. */
export function ErrorBanner({ error, onDismiss }: { error: ErrorView | null; onDismiss: () => void }) {
  if (!error) return null;
  const shown = error.lines.slice(0, MAX_LINES);
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <div className="error-text">
        <strong>{error.message}</strong>
        {shown.length > 0 && (
          <ul>
            {shown.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {error.lines.length > MAX_LINES && <li>and {error.lines.length - MAX_LINES} more</li>}
          </ul>
        )}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss error" title="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
