import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
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

/**
 * Parties of the book: rename, set kind, merge several into one (every deal re-pointed, one undo step). A party no
 * deal names any more (its last deal deleted or merged away) stays, marked unused with its count 0, last in the
 * list: its kind and parent are kept for the next deal that names it, and Undo of the delete needs it.
 */
export function PartiesPanel({ session, parties, onShowDeals, onClose, readOnly = false }: Props) {
  const [search, setSearch] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  // The panel takes the keyboard when it opens (Escape closes it) and gives it back where it was when it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    searchRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    // A rename's own Escape cancels the rename only; an open list's Escape never reaches here.
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onClose();
  };
  const unused = useMemo(() => parties.filter((p) => p.deal_count === 0).length, [parties]);
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
    <aside className="side-panel" data-testid="parties-panel" aria-label="Parties" onKeyDown={onKeyDown}>
      <div className="side-head">
        <h2>
          Parties <span className="muted">{parties.length}</span>
          {unused > 0 && <span className="muted party-unused-count" data-testid="parties-unused" title="Parties no deal names: kept with their kind and parent"> · {unused} unused</span>}
        </h2>
        <button type="button" className="icon-button" aria-label="Close parties" onClick={onClose}>×</button>
      </div>
      <input ref={searchRef} className="side-search" type="search" placeholder="Find a party" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Find a party" />
      <div className="party-list">
        {shown.map((p) => (
          <div className={p.deal_count === 0 ? 'party-row party-unused' : 'party-row'} key={p.id} data-testid="party-row" data-party={p.name}
            data-unused={p.deal_count === 0 ? 'true' : undefined}>
            {!readOnly && <input type="checkbox" aria-label={`Select ${p.name} to merge`} checked={checked.has(p.name)} onChange={() => toggle(p.name)} />}
            {readOnly ? (
              <span className="party-name"><span className="party-name-text">{p.name}</span>{p.deal_count === 0 && <UnusedTag />}</span>
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
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setEditing(null);
                  }
                }}
              />
            ) : (
              <button
                type="button"
                className="party-name"
                title={p.deal_count === 0 ? `${p.name}: unused, no deal names it (click to rename)` : `${p.name}: click to rename (every deal follows)`}
                data-testid="party-rename"
                onClick={() => {
                  setEditing(p.name);
                  setDraftName(p.name);
                }}
              >
                <span className="party-name-text">{p.name}</span>
                {p.deal_count === 0 && <UnusedTag />}
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
            <button type="button" className="party-count" data-testid="party-count" title={p.deal_count === 0 ? `No deals name ${p.name}` : `Show the deals of ${p.name}`}
              onClick={() => onShowDeals(p.name)}>
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

const UnusedTag = () => <span className="party-unused-tag" data-testid="party-unused">unused</span>;
