import { editText, type ColumnKind } from './columns';
import { RefusalNote } from './refusal-note';
import { useEditorInput, type EditorProps } from './use-editor-input';

/**
 * One inline editor for dates, money, numbers and URLs. It hands the typed text to the grid unchanged; the edit
 * is parsed with the same rules as the service (`45B`, `Sep 2025`, ...), so nothing is lost here.
 */
export function TextEditor(props: EditorProps & { kind: ColumnKind }) {
  const { text, setText, input, refusal } = useEditorInput(props, editText(props.kind, props.value, props.column.getColId() === 'amount_usd' ? props.data : undefined));
  return (
    <div className="text-editor-box">
      <input
        ref={input}
        className="text-editor"
        aria-label={props.colDef.headerName}
        aria-invalid={refusal ? true : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <RefusalNote refusal={refusal} />
    </div>
  );
}
