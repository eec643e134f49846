// The parts the person's export is built of (subject-access.ts and its sections); the HTML page and the PDF
// render these same blocks.
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h3'; text: string }
  | { kind: 'dl'; items: [string, string][] }
  | { kind: 'ul'; items: string[] }
  | { kind: 'link'; text: string; href: string };

export interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}
