// Free-mail providers: an address here is a person, not a business. Used by the
// pre-flight check (require_business_email), the fit rule op `free_email` and
// the data-quality report, so all three agree on what "business email" means.

export const FREE_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.co.in', 'ymail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'outlook.com', 'live.com', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'zoho.com', 'qq.com', '163.com', '126.com',
  'rediffmail.com', 'libero.it', 'orange.fr', 'free.fr', 'laposte.net', 'seznam.cz', 'wp.pl', 'o2.pl',
  't-online.de', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'fastmail.com',
  'tutanota.com', 'hey.com', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'naver.com', 'daum.net',
]);

/** The lower-cased domain of an address, or null when the value is not an address. */
export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase();
}

export function isFreeEmail(email: string | null | undefined): boolean {
  const domain = emailDomain(email);
  return domain !== null && FREE_EMAIL_DOMAINS.has(domain);
}
