import { useEffect, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { DealRow } from '../../shared/deal';
import { editText, type ColumnKind } from './columns';
import type { GridContext } from './grid-context';
import { startText } from './start-text';

type TextEditorProps = CustomCellEditorProps<DealRow, unknown> & { kind: ColumnKind };

/**
 * One inline editor for dates, money, numbers and URLs. It hands the typed text to the grid unchanged; the
 * value setter parses it with the same rules as the service (`45B`, `Sep 2025`, ...), so nothing is lost here.
 */
export function TextEditor(props: TextEditorProps) {
  const context = props.context as GridContext;
  const [initial] = useState(() => startText(props.eventKey, editText(props.kind, props.value), context.takeTypedKeys()));
  const [text, setText] = useState(initial.text);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The grid still holds the stored value; until the analyst types, it should get the text shown.
    props.onValueChange(initial.text);
    const el = input.current;
    if (!el) return;
    el.focus();
    if (initial.replaced) el.setSelectionRange(el.value.length, el.value.length);
    else el.select();
  }, []);

  return (
    <input
      ref={input}
      className="text-editor"
      aria-label={props.colDef.headerName}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onValueChange(e.target.value);
      }}
      spellCheck={false}
      autoComplete="off"
    />
  );
}
