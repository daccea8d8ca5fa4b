import { editText, type ColumnKind } from './columns';
import type { EditorProps } from './react-editor';
import { useEditorInput } from './use-editor-input';

type TextEditorProps = EditorProps<unknown> & { kind: ColumnKind };

/**
 * One inline editor for dates, money, numbers and URLs. It hands the typed text to the grid unchanged; the
 * value setter parses it with the same rules as the service (`45B`, `Sep 2025`, ...), so nothing is lost here.
 */
export function TextEditor(props: TextEditorProps) {
  const { text, setText, input } = useEditorInput(props, editText(props.kind, props.value));
  return (
    <input
      ref={input}
      className="text-editor"
      aria-label={props.colDef.headerName}
      value={text}
      onChange={(e) => setText(e.target.value)}
      spellCheck={false}
      autoComplete="off"
    />
  );
}
