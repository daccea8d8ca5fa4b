import { useLayoutEffect, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { DealRow } from '../../shared/model/deal';
import type { GridContext, Refusal } from './grid-context';
import { startText } from './start-text';

export type EditorProps = CustomCellEditorProps<DealRow, unknown, GridContext>;

/**
 * The text, input and refusal of a cell editor. It opens with the key that started the edit (or the current
 * value, selected), or with the analyst's own text after a refused edit (with the reason shown beside it); the
 * grid gets the text at once, so Enter without typing saves what was shown.
 */
export function useEditorInput(props: EditorProps, current: string, valueOf: (text: string) => unknown = (t) => t) {
  const [start] = useState(() => {
    const refusal = props.context.takeRefusal(props.node.id, props.column.getColId(), props.eventKey != null);
    return refusal ? { text: refusal.text, replaced: true, refusal } : { ...startText(props.eventKey, current), refusal: null as Refusal | null };
  });
  const [text, setTextState] = useState(start.text);
  const input = useRef<HTMLInputElement>(null);

  const setText = (value: string) => {
    setTextState(value);
    props.onValueChange(valueOf(value));
  };

  // Focused as the editor is put in the page (a layout effect), so the next key typed lands in it.
  useLayoutEffect(() => {
    props.onValueChange(valueOf(start.text));
    const el = input.current;
    if (!el) return;
    el.focus();
    if (start.replaced) el.setSelectionRange(start.text.length, start.text.length);
    else el.select();
    // Once, as the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { text, setText, input, refusal: start.refusal };
}
