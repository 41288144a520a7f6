/** Hands `text` to the browser as a file download named `name`. */
export function saveTextFile(text: string, name: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  // The download has started by the next task; a second is ample before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Hands bytes to the browser as a file download named `name`. */
export function saveBytesFile(bytes: Uint8Array, name: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
