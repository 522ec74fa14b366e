import { parseWithin } from './within';

it('reads a window in days or weeks, bounded to a year', () => {
  expect(parseWithin('7d')).toBe(7);
  expect(parseWithin('2w')).toBe(14);
  expect(parseWithin('366d')).toBe(366);
  for (const bad of ['0d', '367d', '7', 'd', '-1d', '7days', '1.5d', '', '07d', '53w']) expect(parseWithin(bad)).toBeNull();
});
