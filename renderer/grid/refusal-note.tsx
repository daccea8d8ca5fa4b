import type { Refusal } from './grid-context';

/** Why the text in the editor was refused, beside the editor until the analyst fixes it or gives up (Escape). */
export function RefusalNote({ refusal }: { refusal: Refusal | null }) {
  if (!refusal) return null;
  return (
    <div className="cell-refusal" role="alert" data-testid="cell-refusal">
      {refusal.reason}
    </div>
  );
}
