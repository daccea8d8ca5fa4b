import { useMemo, useRef, useState } from 'react';
import { PARTY_KINDS, type Party } from '../shared/model/deal';
import type { BookSession } from './book/session';

type Props = {
  session: BookSession;
  parties: Party[];
  onShowDeals: (name: string) => void;
  onClose: () => void;
  /** A viewer sees the parties but changes nothing: no rename, kind, parent or merge. */
  readOnly?: boolean;
};

// Numbers in names in number order (Lab 2 before Lab 10), as an analyst reads a list.
const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** Parties of the book: rename, set kind, merge several into one (every deal re-pointed, one undo step). */
export function PartiesPanel({ session, parties, onShowDeals, onClose, readOnly = false }: Props) {
  const [search, setSearch] = useState('');
  const [editing, setEditingState] = useState<string | null>(null);
  // Enter and the blur that follows both end a rename; only the first may send it.
  const editingRef = useRef<string | null>(null);
  const setEditing = (name: string | null) => {
    editingRef.current = name;
    setEditingState(name);
  };
  const [draftName, setDraftName] = useState('');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [into, setInto] = useState('');

  // Any party may be a parent (sorted by name); the book refuses a loop with a message naming it.
  const parents = useMemo(() => parties.map((p) => p.name).sort(byName), [parties]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = q ? parties.filter((p) => p.name.toLowerCase().includes(q)) : parties;
    return [...list].sort((a, b) => b.deal_count - a.deal_count || byName(a.name, b.name));
  }, [parties, search]);
  const mergeNames = parties.filter((p) => checked.has(p.name)).map((p) => p.name);
  const target = mergeNames.includes(into) ? into : (mergeNames[0] ?? '');

  const rename = async (from: string) => {
    if (editingRef.current !== from) return;
    const to = draftName.trim();
    setEditing(null);
    if (to && to !== from) await session.renameParty(from, to);
  };
  const toggle = (name: string) => {
    const next = new Set(checked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChecked(next);
  };
  const merge = async () => {
    const others = mergeNames.filter((n) => n !== target);
    if (!target || !others.length) return;
    if (await session.mergeParties(others, target)) setChecked(new Set());
  };

  return (
    <aside className="side-panel" data-testid="parties-panel" aria-label="Parties">
      <div className="side-head">
        <h2>Parties <span className="muted">{parties.length}</span></h2>
        <button type="button" className="icon-button" aria-label="Close parties" onClick={onClose}>×</button>
      </div>
      <input className="side-search" type="search" placeholder="Find a party" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Find a party" />
      <div className="party-list">
        {shown.map((p) => (
          <div className="party-row" key={p.id} data-testid="party-row" data-party={p.name}>
            {!readOnly && <input type="checkbox" aria-label={`Select ${p.name} to merge`} checked={checked.has(p.name)} onChange={() => toggle(p.name)} />}
            {readOnly ? (
              <span className="party-name">{p.name}</span>
            ) : editing === p.name ? (
              <input
                className="party-rename"
                data-testid="party-rename-input"
                autoFocus
                value={draftName}
                onChange={(e) => setDraftName(e.target.value)}
                onBlur={() => void rename(p.name)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void rename(p.name);
                  if (e.key === 'Escape') setEditing(null);
                }}
              />
            ) : (
              <button
                type="button"
                className="party-name"
                title={`${p.name}: click to rename (every deal follows)`}
                data-testid="party-rename"
                onClick={() => {
                  setEditing(p.name);
                  setDraftName(p.name);
                }}
              >
                {p.name}
              </button>
            )}
            <select
              className="party-kind"
              aria-label={`Kind of ${p.name}`}
              data-testid="party-kind"
              disabled={readOnly}
              value={p.kind}
              onChange={(e) => {
                const kind = PARTY_KINDS.find((k) => k === e.target.value);
                if (kind) void session.setPartyKind(p.name, kind);
              }}
            >
              {PARTY_KINDS.map((k) => (
                <option key={k} value={k}>{k}</option>
              ))}
            </select>
            <select
              className="party-parent"
              aria-label={`Parent of ${p.name}`}
              title="Parent (its group is its top ancestor; a scenario with roll-up counts the group as one party)"
              data-testid="party-parent"
              disabled={readOnly}
              value={p.parent ?? ''}
              onChange={(e) => void session.setPartyParent(p.name, e.target.value === '' ? null : e.target.value)}
            >
              <option value="">(no parent)</option>
              {parents.filter((n) => n !== p.name).map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
            <button type="button" className="party-count" title={`Show the deals of ${p.name}`} onClick={() => onShowDeals(p.name)}>
              {p.deal_count}
            </button>
          </div>
        ))}
      </div>
      <div className="side-foot">
        {readOnly ? (
          <span className="muted">You can look, not change: your role on this book is viewer.</span>
        ) : mergeNames.length >= 2 ? (
          <>
            <span>Merge {mergeNames.length} into</span>
            <select data-testid="merge-into" value={target} onChange={(e) => setInto(e.target.value)} aria-label="Merge into">
              {mergeNames.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
            <button type="button" className="primary" data-testid="merge-parties" onClick={() => void merge()}>Merge</button>
          </>
        ) : (
          <span className="muted">Tick two or more parties to merge them. Click a name to rename it.</span>
        )}
      </div>
    </aside>
  );
}
