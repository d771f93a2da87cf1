import { createHash } from 'node:crypto';
import { languages } from '../domain/language.js';
import { applicationFormScript } from './application-form-script.js';
import { pageStyles } from './page.js';

/** The CSP source expression of one inline `<style>` or `<script>` body: its SHA-256, base64. */
const hashSource = (content: string) => `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;

/**
 * The pages' policy: nothing but the frame's one stylesheet and the form's
 * script (one per language), named by hash instead of `'unsafe-inline'`, so
 * markup injected into a page would run no script and apply no style. These
 * are constants, hashed once at load; a new inline block must be added here
 * (the browser suite reports any violation).
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  `style-src ${hashSource(pageStyles)}`,
  `script-src ${languages.map((lang) => hashSource(applicationFormScript(lang))).join(' ')}`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
