/** What text files are, by extension, once their content has shown they are text. */
const TEXT_TYPES: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  ipynb: 'application/x-ipynb+json',
  py: 'text/x-python',
  html: 'text/html',
  htm: 'text/html',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
};

/**
 * The media type of a file, from its first bytes: file-type reads the signatures of binary
 * formats (PDF, ZIP and Office files, images, audio, video...). Content it does not know is
 * text when it is valid UTF-8 without NUL bytes, and only then does the extension refine it
 * (text/markdown, text/csv); anything else is application/octet-stream. A renamed binary never
 * passes as text, and a name never makes bytes a PDF.
 */
export async function sniffMediaType(head: Buffer, fileName: string): Promise<string> {
  // Loaded on first use: only `material add` needs it, and it is a separate bundle (dist/vendor/).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (detected) return detected.mime;
  if (!looksLikeText(head)) return 'application/octet-stream';
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  return TEXT_TYPES[extension] ?? 'text/plain';
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // stream: the head may end inside a multi-byte character, which is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
