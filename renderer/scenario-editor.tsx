import { useEffect, useRef, useState } from 'react';
import { DEAL_STATUSES, type DealStatus } from '../shared/model/deal';
import { BASE_SCENARIO, isBaseName, scenarioKey, scenarioNameSchema, scenarioPatchSchema, type Scenario } from '../shared/model/scenario';
import type { BookSession } from './book/session';
import type { SessionState } from './book/store';

type Props = { session: BookSession; state: SessionState; onClose: () => void };

/** The form's text, as typed: numbers are checked only on Save, so a half-typed value is never refused mid-word. */
type Form = { name: string; weights: Record<DealStatus, string>; upTo: string; drawdown: string; rollUp: boolean };

const formOf = (s: Scenario): Form => ({
  name: s.name,
  weights: Object.fromEntries(DEAL_STATUSES.map((k) => [k, String(s.status_weight[k])])) as Record<DealStatus, string>,
  upTo: String(s.up_to_factor),
  drawdown: String(s.credit_drawdown),
  rollUp: s.roll_up,
});

// Only a plain decimal is a number here (Number() would also take `0x1`, `0b1` or `0o7`); anything else
// becomes NaN, which the shared schema refuses with the parameter's name.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const num = (text: string): number => (DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN);

/** The name as the book will keep it, or the shared rule's reason (too long, say) before the call is made. */
function checkName(text: string): { name: string } | { problem: string } {
  const checked = scenarioNameSchema.safeParse(text);
  return checked.success ? { name: checked.data } : { problem: `Not saved: ${checked.error.issues[0]!.message}` };
}

/** Create, change, duplicate, rename and delete the book's scenarios; bad values are refused with a message. */
export function ScenarioEditor({ session, state, onClose }: Props) {
  const control = session.scenarios;
  const [picked, setPicked] = useState(state.scenario);
  const current = control.byName(picked) ?? BASE_SCENARIO;
  const [form, setForm] = useState<Form>(() => formOf(current));
  const [message, setMessage] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  // Focus moves into the dialog when it opens, so Escape closes it and Tab walks its fields, not the toolbar behind.
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.querySelector<HTMLElement>('.scenario-list [aria-pressed="true"]')?.focus(), []);

  const pick = (name: string) => {
    setPicked(name);
    setForm(formOf(control.byName(name) ?? BASE_SCENARIO));
    setMessage(null);
  };
  const refuse = (text: string) => {
    setMessage(text);
    session.showError({ message: text, lines: [] });
  };
  const done = (error: string | null, next?: string) => {
    if (error) return refuse(error);
    setMessage(null);
    session.clearError();
    if (next !== undefined) pick(next);
  };

  const save = async () => {
    const patch = {
      name: picked,
      status_weight: Object.fromEntries(DEAL_STATUSES.map((k) => [k, num(form.weights[k])])),
      up_to_factor: num(form.upTo),
      credit_drawdown: num(form.drawdown),
      roll_up: form.rollUp,
    };
    const checked = scenarioPatchSchema.safeParse(patch);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const where = issue.path.join('.');
      return refuse(`Scenario "${picked}" not saved: ${issue.message}${where && !issue.message.includes(where) ? ` (${where})` : ''}`);
    }
    done(await control.save(checked.data));
  };
  const create = async (from: Scenario | null) => {
    if (!newName.trim()) return refuse('Type a name for the new scenario first');
    const checked = checkName(newName);
    if ('problem' in checked) return refuse(checked.problem);
    const { name } = checked;
    if (control.byName(name)) return refuse(`A scenario named "${name}" already exists`);
    const patch = from ? { ...from, name } : { name };
    done(await control.save(patch), name);
    setNewName('');
  };
  const rename = async () => {
    if (!newName.trim()) return refuse('Type the new name first');
    const checked = checkName(newName);
    if ('problem' in checked) return refuse(checked.problem);
    const to = checked.name;
    done(await control.rename(picked, to), to);
    setNewName('');
  };
  const remove = async () => {
    if (!window.confirm(`Delete scenario "${picked}"? Undo brings it back.`)) return;
    done(await control.remove(picked), 'Base');
  };

  const base = isBaseName(picked);
  const field = (label: string, value: string, set: (v: string) => void, testId: string, hint: string) => (
    <label className="scenario-field" title={hint}>
      <span>{label}</span>
      <input data-testid={testId} value={value} inputMode="decimal" onChange={(e) => set(e.target.value)} />
    </label>
  );

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div ref={dialog} className="modal scenario-editor" aria-modal="true" role="dialog" aria-label="Scenarios" data-testid="scenario-editor">
        <header className="scenario-editor-head">
          <h2>Scenarios</h2>
          <button type="button" onClick={onClose} aria-label="Close" data-testid="scenario-editor-close">×</button>
        </header>
        <div className="scenario-editor-body">
          <ul className="scenario-list">
            {state.scenarios.map((s) => (
              <li key={s.name}>
                <button type="button" aria-pressed={scenarioKey(s.name) === scenarioKey(picked)} onClick={() => pick(s.name)}>{s.name}</button>
              </li>
            ))}
          </ul>
          <div className="scenario-form">
            <h3>{picked}</h3>
            <p className="scenario-hint">Weights and factors are numbers from 0 to 1. A deal counts with weight w = status weight (x up-to factor when its amount is "up to"); w = 0 leaves it out.</p>
            <fieldset>
              <legend>Status weights</legend>
              {DEAL_STATUSES.map((k) =>
                field(k, form.weights[k], (v) => setForm((f) => ({ ...f, weights: { ...f.weights, [k]: v } })), `scenario-weight-${k}`, `Weight of ${k} deals`))}
            </fieldset>
            {field('Up-to factor', form.upTo, (v) => setForm((f) => ({ ...f, upTo: v })), 'scenario-up-to', 'Multiplies the weight of deals whose amount is "up to"')}
            {field('Credit drawdown', form.drawdown, (v) => setForm((f) => ({ ...f, drawdown: v })), 'scenario-drawdown', 'Share of compute credits actually drawn')}
            <label className="scenario-field">
              <span>Roll up to groups</span>
              <input type="checkbox" data-testid="scenario-roll-up" checked={form.rollUp} onChange={(e) => setForm((f) => ({ ...f, rollUp: e.target.checked }))} />
            </label>
            {message && <p className="scenario-error" role="alert" data-testid="scenario-error">{message}</p>}
            <div className="scenario-actions">
              <button type="button" className="primary" data-testid="scenario-save" onClick={() => void save()}>Save</button>
              <button type="button" data-testid="scenario-delete" disabled={base} onClick={() => void remove()} title={base ? 'Base cannot be deleted' : undefined}>Delete</button>
            </div>
            <div className="scenario-actions">
              <input data-testid="scenario-new-name" placeholder="Name" value={newName} onChange={(e) => setNewName(e.target.value)} aria-label="Scenario name" />
              <button type="button" data-testid="scenario-new" onClick={() => void create(null)}>New</button>
              <button type="button" data-testid="scenario-duplicate" onClick={() => void create(current)}>Duplicate</button>
              <button type="button" data-testid="scenario-rename" disabled={base} onClick={() => void rename()}>Rename</button>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
