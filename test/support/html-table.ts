/** The cells of the table row whose first cell is `name`, as the page shows them (text only, tags removed). */
export function rowOf(html: string, name: string): string[] | undefined {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, '').trim()),
  );
  return rows.find((cells) => cells[0] === name);
}

/** A downloaded CSV's lines, without the byte-order mark and the final line break. */
export const csvLines = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
