/**
 * A chosen file's bytes as base64, as « Inscriptions »' CSV and « Importer un examen » send them: the server reads
 * the bytes as the file holds them (it checks a CSV is UTF-8, it opens a QTI package's zip).
 */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The body's part every file import sends: the file's name and its bytes in base64. */
export const fileBody = async (file: File) => ({ fileName: file.name, content: await base64Of(file) });
