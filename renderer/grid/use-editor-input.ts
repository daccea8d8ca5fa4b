import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { GridContext } from './grid-context';
import { applyTypedKeys, startText } from './start-text';

type EditorProps = {
  eventKey: string | null;
  context: unknown;
  api: GridApi;
  onValueChange: (value: string) => void;
  stopEditing: (suppressNavigateAfterEdit?: boolean, event?: KeyboardEvent) => void;
};

/** Tab, Enter or Escape pressed before the editor had focus, done now that the typed text is in place. */
function replay(props: EditorProps, key: string): void {
  if (key === 'Escape') props.api.stopEditing(true);
  else if (key === 'Enter') props.stopEditing(false, new KeyboardEvent('keydown', { key: 'Enter' }));
  else if (key === 'Tab') props.api.tabToNextCell();
  else if (key === 'Shift+Tab') props.api.tabToPreviousCell();
}

/**
 * The text and input of a cell editor: opened with the key that started the edit (or the current value,
 * selected), then focused, applying any keys typed before focus so a fast typist loses nothing. The grid gets
 * the text at once, so Enter without typing saves what was shown.
 */
export function useEditorInput(props: EditorProps, current: string) {
  const [initial] = useState(() => startText(props.eventKey, current));
  const [text, setTextState] = useState(initial.text);
  const input = useRef<HTMLInputElement>(null);

  const setText = (value: string) => {
    setTextState(value);
    props.onValueChange(value);
  };

  useEffect(() => {
    // Taken here, not at first render: keys can still arrive between the render and this effect.
    const start = applyTypedKeys(initial, (props.context as GridContext).takeTypedKeys());
    setText(start.text);
    const el = input.current;
    if (el) {
      el.focus();
      // React has not re-rendered with the typed keys yet: put them in the DOM now so the caret lands after them.
      el.value = start.text;
      if (start.replaced) el.setSelectionRange(start.text.length, start.text.length);
      else el.select();
    }
    const commit = start.commit;
    if (commit) setTimeout(() => replay(props, commit), 0);
  }, []);

  return { text, setText, input };
}
