import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// The desktop app: main process, sandboxed preload (one CommonJS bundle) and renderer, into out/.
export default defineConfig({
  main: {
    // The import's worker thread is a script of its own (sheet-check-thread.ts finds it).
    build: { outDir: 'out/main', rollupOptions: { input: { main: 'electron/shell/main.ts', 'sheet-check-worker': 'electron/services/sheets/sheet-check-worker.ts' } } },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: 'electron/shell/preload.ts', output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    build: { outDir: 'out/renderer', rollupOptions: { input: 'renderer/index.html' } },
  },
});
