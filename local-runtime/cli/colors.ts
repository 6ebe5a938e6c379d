/** ANSI colors for terminal output; plain text when stdout is not a TTY or NO_COLOR is set. */
const enabled = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];

const paint = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);

export const color = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  cyan: paint(36, 39),
  magenta: paint(35, 39),
};
