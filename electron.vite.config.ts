import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { HtmlTagDescriptor, Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The window's entry asks for the book, then imports the UI (renderer/main.ts). Named in the page itself, the
 * UI's code is fetched and compiled while the entry loads, before a big book's rows fill the connection; asked
 * for only by the entry, it would arrive after them.
 */
function preloadUi(): Plugin {
  return {
    name: 'dealbook-preload-ui',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags: HtmlTagDescriptor[] = [];
        const bundle = ctx.bundle ?? {};
        const ui = Object.values(bundle).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'mount');
        if (!ui || ui.type !== 'chunk') throw new Error('preloadUi: no chunk for renderer/mount.tsx');
        const shared = ui.imports.filter((file) => {
          const chunk = bundle[file];
          return chunk?.type === 'chunk' && !chunk.isEntry;
        });
        for (const file of [ui.fileName, ...shared]) {
          tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' });
        }
        for (const css of ui.viteMetadata?.importedCss ?? []) {
          tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', href: `./${css}` }, injectTo: 'head' });
        }
        return tags;
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is bundled (tree-shaken, one file) rather than loaded from node_modules, where it is about a hundred
      // files to resolve and read: a third of the CLI's start-up. pg and better-sqlite3 stay external.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          cli: resolve(root, 'electron/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: zod and shared/ (the contract's method list) are
      // bundled into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), preloadUi()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Half the bytes to load and parse when a large book opens (DEALBOOK_NO_MINIFY=1 keeps names, for profiling).
      minify: process.env.DEALBOOK_NO_MINIFY ? false : 'esbuild',
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
