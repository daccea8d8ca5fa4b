export type CsvSeparator = ',' | ';' | '\t';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;

/** `,` `;` or tab, whichever occurs most on the first line outside quotes that has any of them; `,` on a tie. */
export function detectSeparator(text: string): CsvSeparator {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  let seenContent = false;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A quote opens a quoted field only at the start of one (a quote inside an unquoted field is text); inside, a
    // quote closes it unless doubled.
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
      prev = c;
      continue;
    }
    const atFieldStart = prev === -1 || prev === COMMA || prev === SEMICOLON || prev === TAB || prev === LF || prev === CR;
    prev = c;
    if (c === QUOTE && atFieldStart) quoted = true;
    else if (c === LF || c === CR) {
      // A line without any separator (a title above the header, Numbers' `Table 1`) says nothing: read the next.
      if (seenContent && comma + semicolon + tab > 0) break;
    } else if (c === COMMA) comma++;
    else if (c === SEMICOLON) semicolon++;
    else if (c === TAB) tab++;
    if (c !== LF && c !== CR && c !== 32) seenContent = true;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}
