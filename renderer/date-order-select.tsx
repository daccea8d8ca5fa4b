import type { DateOrder } from '../shared/model/parse';
import type { BookSession } from './book/session';
import type { SessionState } from './book/store';
import { canWrite } from './book/role';

type Props = { session: BookSession; state: SessionState };

const CHOICES: readonly { value: '' | DateOrder; label: string }[] = [
  { value: '', label: 'Dates: no order' },
  { value: 'DMY', label: 'Dates: D/M/Y' },
  { value: 'MDY', label: 'Dates: M/D/Y' },
];

/**
 * The book's date order: how a numeric date that both orders allow (3/4/2025) is read when typed, pasted or
 * imported. "no order" refuses such a date, naming both ISO forms; a date only one order allows is always read.
 */
export function DateOrderSelect({ session, state }: Props) {
  // A viewer changes nothing in the book; nor does a window that does not yet know who it works as.
  if (!state.info || !canWrite(state)) return null;
  return (
    <select data-testid="date-order" className="date-order" aria-label="Date order" value={state.info.dateOrder ?? ''}
      title="How numeric dates both orders allow (3/4/2025) are read when typed, pasted or imported; a book setting"
      onChange={(e) => void session.setDateOrder(e.target.value === '' ? null : (e.target.value as DateOrder))}>
      {CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
    </select>
  );
}
