import { useRef, useState } from 'react';
import type { BookSession } from './book/session';
import type { SessionState } from './book/store';
import { ScenarioEditor } from './scenario-editor';
import { canWrite } from './book/role';

type Props = { session: BookSession; state: SessionState };

/**
 * The scenario the whole window shows (grid ƒ columns, status bar sums, charts, pairs and cycles), a second one to
 * compare with, and the editor of the book's scenarios.
 */
export function ScenarioSelect({ session, state }: Props) {
  const [editing, setEditing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // Closed, the editor gives the focus back to the button that opened it (keyboard use goes on from there).
  const close = () => {
    setEditing(false);
    opener.current?.focus();
  };
  const control = session.scenarios;
  const names = state.scenarios.length ? state.scenarios.map((s) => s.name) : [state.scenario];
  return (
    <>
      <label className="scenario-pick" title="The scenario every number in this window is computed under">
        <span className="scenario-label">Scenario</span>
        <select data-testid="scenario" value={state.scenario} onChange={(e) => control.choose(e.target.value)} aria-label="Scenario">
          {names.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="scenario-pick" title="Show a second scenario beside the first in the charts and the pairs table">
        <span className="scenario-label">vs</span>
        <select data-testid="scenario-compare" value={state.compare ?? ''} aria-label="Compare with scenario"
          onChange={(e) => control.compareWith(e.target.value === '' ? null : e.target.value)}>
          <option value="">(no compare)</option>
          {names.filter((n) => n !== state.scenario).map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </label>
      {/* A viewer chooses scenarios to look through, but does not edit them. */}
      {canWrite(state) && (
        <button ref={opener} type="button" data-testid="edit-scenarios" onClick={() => setEditing(true)} title="Create, change, rename or delete scenarios">
          Scenarios…
        </button>
      )}
      {editing && canWrite(state) && <ScenarioEditor session={session} state={state} onClose={close} />}
    </>
  );
}
