/** `text` as one shell word for a line users copy: quoted when it holds anything but safe characters (a path with spaces). */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
