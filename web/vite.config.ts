import { brotliCompressSync, gzipSync } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/web", import.meta.url));
/** The Kabar server the dev server proxies to (`npm run dev` starts it on PORT). */
const server = process.env.KABAR_DEV_SERVER ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/** Writes .br and .gz beside each built asset; the server sends them to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: "kabar-precompress",
    apply: "build",
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(file)) continue;
        const path = join(outDir, file);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(data));
      }
    },
  };
}

// The SPA (web/) is built into dist/web, which Kabar serves (src/http/static.ts).
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Libraries change less often than the app: separate files stay cached across releases.
    rolldownOptions: {
      // A warning is a defect of the build (e.g. a lazily loaded page also imported statically,
      // so it is not split off), and `npm start` would print it to the owner: fail instead.
      // Except how long plugins took: a note about the machine's load (seen on a busy machine,
      // when pre-compression was slow), not about the app.
      checks: { bundlerTimings: false },
      onwarn(warning) {
        throw new Error(`web app build: ${warning.code ?? "warning"}: ${warning.message}`);
      },
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
            {
              name: "mantine",
              test: /node_modules[\\/](@mantine[\\/](?!charts|dates|dropzone)|@floating-ui|react-remove-scroll|react-number-format|react-textarea-autosize|clsx)/,
              priority: 2,
            },
            // Libraries only lazily loaded pages use (the dashboard's chart, the channel page's QR)
            // stay out of it, in the chunks of those pages.
            {
              name: "vendor",
              test: /node_modules[\\/](?!(recharts|recharts-scale|react-smooth|d3-[a-z-]+|victory-vendor|internmap|decimal\.js-light|fast-equals|tiny-invariant|@mantine[\\/]charts|qrcode\.react|lodash|react-transition-group|dom-helpers|eventemitter3|react-is|@mantine[\\/]dates|@mantine[\\/]dropzone|dayjs|react-dropzone|attr-accept|file-selector)[\\/])/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    port: Number(process.env.KABAR_DEV_WEB_PORT ?? 5173),
    // Host is kept (no changeOrigin) so the server's same-origin check accepts the socket.
    proxy: { "/api": server, "/docs": server, "/socket.io": { target: server, ws: true } },
  },
});
