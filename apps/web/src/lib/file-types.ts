/** What a file input may offer for each upload type of the API (extensions and MIME types; the server checks content). */
const EXTENSIONS: Record<string, string> = {
  pdf: '.pdf,application/pdf',
  docx: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: '.png,image/png',
  jpeg: '.jpg,.jpeg,image/jpeg',
};

/** The `accept` attribute of a file input for these upload types. */
export function acceptFor(types: readonly string[]): string {
  return types.map((type) => EXTENSIONS[type] ?? '').join(',');
}
