// A fixed dark palette for chart builder tests.
import type { Palette } from '../../../../src/webviews/results/theme';

export const palette: Palette = {
  kind: 'dark',
  foreground: '#cccccc',
  muted: '#999999',
  grid: '#444444',
  background: '#1e1e1e',
  fontFamily: 'sans-serif',
  fontSize: 13,
  series: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'],
  blue: '#3794ff',
  orange: '#d18616',
  green: '#89d185',
  purple: '#b180d7',
  red: '#f14c4c',
  yellow: '#cca700',
};
