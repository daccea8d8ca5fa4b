import { useMemo, useState, type KeyboardEvent } from 'react';
import { RefusalNote } from './refusal-note';
import { useEditorInput, type EditorProps } from './use-editor-input';

/** The choices an editor offers for the text typed: all of them for none or a whole choice, else the matching ones. */
export function matchChoices(choices: readonly string[], text: string): string[] {
  const q = text.trim().toLowerCase();
  if (!q || choices.some((c) => c.toLowerCase() === q)) return [...choices];
  const starts = choices.filter((c) => c.toLowerCase().startsWith(q));
  return starts.length ? starts : choices.filter((c) => c.toLowerCase().includes(q));
}

/** The value the typed text stands for: the choice it names or begins (`pur` is purchase), else the text itself. */
export function chosenValue(choices: readonly string[], text: string): string {
  const q = text.trim().toLowerCase();
  if (!q) return text;
  return choices.find((c) => c.toLowerCase() === q) ?? choices.find((c) => c.toLowerCase().startsWith(q)) ?? text;
}

/**
 * Kind and Status: type like in any cell (`purchase`, `pur` then Enter, `signed`), or move through the choices
 * with the arrows. A text that names no choice is handed on as typed, so it is refused with the reason.
 */
export function ChoiceEditor(props: EditorProps & { choices: readonly string[] }) {
  const { choices } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const { text, setText, input, refusal } = useEditorInput(props, String(props.value ?? ''), (t) => chosenValue(choices, t));
  const matches = useMemo(() => matchChoices(choices, text), [choices, text]);
  const active = picked ?? chosenValue(choices, text);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const list = matches.length ? matches : [...choices];
    const at = list.indexOf(active);
    const next = list[(at + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length]!;
    setPicked(next);
    props.onValueChange(next);
  };

  return (
    <div className="choice-editor" style={{ width: Math.max(props.column.getActualWidth(), 160) }}>
      <input
        ref={input}
        className="choice-editor-input"
        aria-label={props.colDef.headerName}
        value={picked ?? text}
        onChange={(e) => {
          setPicked(null);
          setText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
      <ul className="choice-editor-list" role="listbox">
        {matches.map((choice) => (
          <li
            key={choice}
            role="option"
            aria-selected={choice === active}
            className={choice === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              props.onValueChange(choice);
              setTimeout(() => props.stopEditing(), 0);
            }}
          >
            {choice}
          </li>
        ))}
      </ul>
      <RefusalNote refusal={refusal} />
    </div>
  );
}
