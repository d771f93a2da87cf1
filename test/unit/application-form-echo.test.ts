import { describe, expect, it } from 'vitest';
import { applicationFormPage } from '../../shared/pages/application-form.js';
import { maxLengthOf } from '../../shared/pages/application-form-limits.js';

describe('the application form, re-rendered with what was sent', () => {
  it('takes each field’s maximum from the contract', () => {
    expect(maxLengthOf('organisation.name')).toBe(200);
    expect(maxLengthOf('contact.email')).toBe(254);
    expect(maxLengthOf('idempotencyKey')).toBe(100);
  });

  it('echoes no value beyond its field’s maximum, however much was posted', () => {
    const huge = 'x'.repeat(1_000_000);
    const html = applicationFormPage({
      lang: 'en',
      values: { organisation: { name: huge, address: { city: huge } }, contact: { email: huge } },
      errors: [{ path: 'organisation.name', message: 'Use at most 200 characters.' }],
      idempotencyKey: huge,
    });
    expect(html.length).toBeLessThan(60_000);
    expect(html).toContain(`value="${'x'.repeat(200)}"`);
    expect(html).not.toContain('x'.repeat(255));
    expect(html).toContain(`name="idempotencyKey" value="${'x'.repeat(100)}"`);
  });

  it('echoes a value within its maximum unchanged', () => {
    const html = applicationFormPage({ lang: 'pl', values: { organisation: { name: 'Szkoła Podstawowa nr 1' } }, idempotencyKey: 'k-1' });
    expect(html).toContain('value="Szkoła Podstawowa nr 1"');
  });
});
