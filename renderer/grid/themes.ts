import { colorSchemeDark, colorSchemeLight, themeQuartz } from 'ag-grid-community';

export type ThemeName = 'light' | 'dark';

const SYSTEM_FONT = ['-apple-system', 'BlinkMacSystemFont', 'Segoe UI', 'Inter', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'];

// Dense like a spreadsheet: 28px rows, small type, quiet borders; numbers use tabular figures (see styles.css).
const shared = {
  fontFamily: SYSTEM_FONT,
  fontSize: 12.5,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 28,
  headerHeight: 32,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 0,
  wrapperBorder: false,
  columnBorder: true,
  iconSize: 12,
} as const;

export const lightTheme = themeQuartz.withPart(colorSchemeLight).withParams({
  ...shared,
  accentColor: '#2563eb',
  backgroundColor: '#ffffff',
  foregroundColor: '#1f2937',
  borderColor: '#e5e7eb',
  headerBackgroundColor: '#f6f7f9',
  headerTextColor: '#374151',
  oddRowBackgroundColor: '#fbfbfc',
  rowHoverColor: '#f1f5fd',
  selectedRowBackgroundColor: '#e3ecfd',
  pinnedRowBackgroundColor: '#fff8e6',
  pinnedRowBorder: { color: '#f0c36d', width: 1 },
});

export const darkTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  ...shared,
  accentColor: '#60a5fa',
  backgroundColor: '#17191d',
  foregroundColor: '#e5e7eb',
  borderColor: '#2c3037',
  headerBackgroundColor: '#1f2228',
  headerTextColor: '#cbd2dc',
  oddRowBackgroundColor: '#1a1c21',
  rowHoverColor: '#222a38',
  selectedRowBackgroundColor: '#1e3357',
  pinnedRowBackgroundColor: '#2a2414',
  pinnedRowBorder: { color: '#8a6d2b', width: 1 },
});

export const gridTheme = (name: ThemeName) => (name === 'dark' ? darkTheme : lightTheme);
