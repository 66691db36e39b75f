// Vite: React, hashed assets under assets/ (served immutable by the binary), a dev proxy to the API.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, target: 'es2020' },
  server: { proxy: { '/api': process.env.RIVETR_URL ?? 'http://127.0.0.1:8080', '/health': process.env.RIVETR_URL ?? 'http://127.0.0.1:8080' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
});
