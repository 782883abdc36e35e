import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** This folder, whatever the working directory. */
const root = import.meta.dirname;

/**
 * The dev server's React refresh preamble is an inline script, which the page's CSP
 * forbids; drop the CSP meta while serving only. Built files keep it.
 */
const devWithoutCsp: Plugin = {
  name: 'sohoa-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
};

/** `SOHOA_API=127.0.0.1:5180 npm run dev:renderer` proxies /api to a running web-mode engine. */
const api = process.env.SOHOA_API;

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devWithoutCsp],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: api ? { proxy: { '/api': { target: `ws://${api}`, ws: true } } } : {},
});
