/** The file picker behind a "Choose a file…" button or menu item: hidden, and ready to pick the same file again. */
import { forwardRef } from 'react';

export const HiddenFileInput = forwardRef<HTMLInputElement, { accept: string; label: string; onFile(file: File): void }>(function HiddenFileInput({ accept, label, onFile }, ref) {
  return (
    <input
      ref={ref}
      type="file"
      hidden
      accept={accept}
      aria-label={label}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = '';
        if (file) onFile(file);
      }}
    />
  );
});
