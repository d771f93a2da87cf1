import { describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import { parseConfig } from '../../shared/config.js';
import { toCronerPattern } from '../../infra/local/scheduler.js';
import { compilePath } from '../../infra/local/api-gateway-event.js';
import { errorResponse } from '../../shared/http/error-response.js';
import { ConflictError } from '../../shared/domain/errors.js';

describe('config', () => {
  it('fails fast naming every missing variable', () => {
    expect(() => parseConfig({})).toThrow(/TABLE_NAME.*MAIL_FROM.*PUBLIC_BASE_URL/);
  });

  it('parses lists and defaults', () => {
    const config = parseConfig({ TABLE_NAME: 't', MAIL_FROM: 'a@b.pl', PUBLIC_BASE_URL: 'https://x.pl/', ADMIN_EMAILS: 'a@b.pl, c@d.pl' });
    expect(config.ADMIN_EMAILS).toEqual(['a@b.pl', 'c@d.pl']);
    expect(config.PUBLIC_BASE_URL).toBe('https://x.pl');
    expect(config.MAIL_SEND_RATE).toBe(10);
  });
});

describe('local schedules', () => {
  it('turn EventBridge cron into croner patterns that fire at Warsaw time across DST', () => {
    const pattern = toCronerPattern('0 9 ? * MON-FRI *');
    expect(pattern).toBe('0 0 9 * * MON-FRI');
    const winter = new Cron(pattern, { timezone: 'Europe/Warsaw' }).nextRun(new Date('2026-12-04T12:00:00Z'));
    expect(winter?.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    const summer = new Cron(pattern, { timezone: 'Europe/Warsaw' }).nextRun(new Date('2026-06-05T12:00:00Z'));
    expect(summer?.toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('refuse numeric weekdays, whose numbering differs between the two', () => {
    expect(() => toCronerPattern('0 9 ? * 2-6 *')).toThrow(/day names/);
  });
});

describe('local routing', () => {
  it('matches path parameters like API Gateway', () => {
    expect(compilePath('/admin/applications/{id}').exec('/admin/applications/abc')?.groups).toEqual({ id: 'abc' });
    expect(compilePath('/admin/applications/{id}').test('/admin/applications/abc/approve')).toBe(false);
  });
});

describe('error answers', () => {
  it('keep internal messages from clients', () => {
    const answer = errorResponse(new Error('connect ECONNREFUSED 10.0.0.1'));
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('ECONNREFUSED');
  });

  it('carry the typed error’s code', () => {
    expect(JSON.parse(errorResponse(new ConflictError('Already decided.', 'ALREADY_DECIDED')).body!)).toEqual({
      error: { code: 'ALREADY_DECIDED', message: 'Already decided.' },
    });
  });
});
