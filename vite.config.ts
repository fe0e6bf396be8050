import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/** Changes with every build: the phone's kept query cache is not reused by another version of the app. */
process.env.VITE_BUILD_ID ??= new Date().toISOString();

/**
 * Chunks (docs/performance.md, "Bytes"; budgets in scripts/check-budgets.mjs):
 *  - react: React and ReactDOM — all the login page needs besides itself (src/web/main.tsx);
 *  - framework: the router and TanStack Query — on every page behind the login, changed only by
 *    upgrades, so one long-cached file;
 *  - antd-core: antd's theme and style runtime, the icons and the components the shell and the home page
 *    use — needed by every page behind the login, so one file instead of some twenty small ones (each a
 *    round trip of 400 ms on Slow 3G);
 *  - charts: ECharts and ZRender — only with the first chart (src/web/components/EChart.tsx);
 *  - antd and everything else: split by Rolldown along the lazy pages, so each page downloads only the
 *    components it uses (the login page uses none).
 */
const CHUNK_GROUPS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
  {
    name: 'framework',
    test: /node_modules[\\/](react-router|@tanstack|idb-keyval)[\\/]/,
    priority: 20,
  },
  {
    name: 'antd-core',
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|icons)|@rc-component[\\/](util|motion|resize-observer|context|portal)|antd[\\/]es[\\/](config-provider|theme|_util|style|locale|version|button|typography|flex|tag|badge|card|empty))[\\/]/,
    priority: 15,
  },
  { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
];

export default defineConfig({
  root: '.',
  resolve: {
    // One query core for the app and the persistence library (which pins an older patch release).
    dedupe: ['@tanstack/query-core'],
  },
  plugins: [
    react(),
    VitePWA({
      // Registered by the app itself (src/web/offline/sw.ts), once signed in and the first page settled.
      injectRegister: null,
      registerType: 'autoUpdate',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg', 'icons/favicon-32.png', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: '支部在线 Branchline',
        short_name: '支部在线',
        description: '党支部工作平台：会议记录、谈心谈话、违章违纪、待办',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f5f5f5',
        theme_color: '#c8102e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The shell and every built asset (not their .br/.gz siblings): a warm start and an offline one
        // read nothing but the API from the network.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/.vite/**'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        // Hashed names are their own revision.
        dontCacheBustURLsMatching: /^assets\//,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // API answers are never cached here: they are per user (the query cache keeps them, per device,
        // emptied at logout).
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    // Brotli and gzip siblings of every built text file: the server sends them as they are (preCompressed).
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The page → chunk map the budget check reads (scripts/check-budgets.mjs).
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: { codeSplitting: { groups: CHUNK_GROUPS } },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
