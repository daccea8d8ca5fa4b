import { useMemo, useState, type KeyboardEvent } from 'react';
import { RefusalNote } from './refusal-note';
import { suggestParties } from './start-text';
import { useEditorInput, type EditorProps } from './use-editor-input';

/**
 * Party cell editor: type to narrow the book's parties, arrows to pick one, Enter or Tab to accept. A name
 * that matches no party is kept as typed; the service creates the party when the deal is saved.
 */
export function PartyEditor(props: EditorProps) {
  const { text, setText, input, refusal } = useEditorInput(props, String(props.value ?? ''));
  const [active, setActive] = useState(-1);
  const names = useMemo(() => props.context.partyNames(), [props.context]);
  const matches = useMemo(() => suggestParties(names, text), [names, text]);
  const exact = names.some((n) => n.toLowerCase() === text.trim().toLowerCase());

  const choose = (index: number) => {
    setActive(index);
    props.onValueChange(matches[index] ?? text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (!matches.length) return;
    const step = e.key === 'ArrowDown' ? 1 : -1;
    const next = active + step < -1 ? matches.length - 1 : active + step >= matches.length ? -1 : active + step;
    choose(next);
  };

  return (
    <div className="party-editor" style={{ width: Math.max(props.column.getActualWidth(), 240) }}>
      <input
        ref={input}
        className="party-editor-input"
        aria-label={props.colDef.headerName}
        value={active >= 0 ? (matches[active] ?? text) : text}
        onChange={(e) => {
          setActive(-1);
          setText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
      <ul className="party-editor-list" role="listbox">
        {matches.map((name, i) => (
          <li
            key={name}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              props.onValueChange(name);
              setTimeout(() => props.stopEditing(), 0);
            }}
          >
            {name}
          </li>
        ))}
        {text.trim() && !exact && <li className="party-editor-new">New party: {text.trim()}</li>}
      </ul>
      <RefusalNote refusal={refusal} />
    </div>
  );
}
