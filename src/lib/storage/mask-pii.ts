/**
 * Masks personal data in text before it leaves the browser (trace export): e-mail addresses,
 * phone numbers, IPv4 addresses, card numbers, IBANs and credentials in URLs.
 *
 * Patterns find candidates; checks keep false positives out: card numbers must pass the Luhn
 * check, IBANs the mod-97 check and their country's length, and phone numbers must look like
 * one (international `+`/`00` prefix, North American 3-3-4 groups, or a national number with a
 * leading trunk 0 and separators). Dates, times, version numbers, decimals and the plain numbers
 * of math questions ("12 apples", "1234567 + 7654321") are left alone.
 */

export const PII_TAGS = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  ip: '[IP]',
  card: '[CARD]',
  iban: '[IBAN]',
  credentials: '[CREDENTIALS]',
} as const;

export type PiiKind = keyof typeof PII_TAGS;

/** `scheme://user:password@` — only the user info is replaced. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

const EMAIL =
  /(?<![\w.%+-])[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_%+-])?@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/gi;

/** Country code → IBAN length (the SWIFT registry, common countries). */
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 ' +
    'EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 ' +
    'IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 ' +
    'NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 ' +
    'TR26 UA29 VA22 VG24 XK20'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** Two letters, two digits, then letters and digits, optionally in space-separated groups. */
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;

const CARD =
  /(?<![\w.,-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|[.,-]\d)/g;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(
  `(?<![\\w.]|\\bversions?\\s+)(?:${OCTET}\\.){3}${OCTET}(?![\\w]|\\.\\d)`,
  'gi',
);

const PHONE_CANDIDATE = /(?<![\w+.,/-])[+(]?\d[\d ().\-/]{5,}\d(?!\w|[.,/-]\d)/g;
const NANP = /^(?:\+?1([ .-]))?(?:\(\d{3}\) ?\d{3}[ .-]|\d{3}([ .-])\d{3}\2)\d{4}$/;
const DATE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))$/;

/** The Luhn checksum used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The ISO 13616 check: letters as 10..35, first four characters moved last, mod 97 is 1. */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Masks the IBAN at the start of a candidate (which may run on into other text). */
function maskIban(candidate: string): string {
  const length = IBAN_LENGTHS[candidate.slice(0, 2)];
  if (length === undefined) return candidate;
  let seen = 0;
  let end = 0;
  while (end < candidate.length && seen < length) {
    if (candidate[end] !== ' ') seen++;
    end++;
  }
  const iban = candidate.slice(0, end);
  if (seen < length || /[A-Z0-9]/.test(candidate[end] ?? '') || !ibanValid(iban)) return candidate;
  return PII_TAGS.iban + candidate.slice(end);
}

/** Separators are single characters (or a parenthesis next to a space); parentheses balance. */
function wellFormed(raw: string): boolean {
  if (/[ .\-/]{2,}/.test(raw.replace(/\) | \(/g, ')'))) return false;
  return (raw.match(/\(/g) ?? []).length === (raw.match(/\)/g) ?? []).length;
}

/** Whether a candidate (digits with separators) is a phone number, not a date or a sum. */
export function looksLikePhone(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  if (!wellFormed(raw)) return false;
  if (raw.startsWith('+') || /^00[1-9]/.test(raw)) {
    const n = raw.startsWith('+') ? digits.length : digits.length - 2;
    return n >= 8 && n <= 15;
  }
  if (DATE.test(raw)) return false;
  if (NANP.test(raw)) return true;
  // National numbers with a trunk prefix: 020 7946 0958, 06 12 34 56 78, (030) 1234567.
  const groups = raw.split(/[ .\-/()]+/).filter(Boolean);
  return (
    /^\(?0\d/.test(raw) &&
    digits.length >= 9 &&
    digits.length <= 12 &&
    groups.length >= 2 &&
    groups.every((g) => g.length >= 2)
  );
}

/** Replaces personal data in `text` with PII_TAGS placeholders. */
export function maskPii(text: string): string {
  return text
    .replace(URL_CREDENTIALS, (_match, scheme: string) => `${scheme}${PII_TAGS.credentials}@`)
    .replace(EMAIL, PII_TAGS.email)
    .replace(IBAN_CANDIDATE, maskIban)
    .replace(CARD, (match) => {
      const digits = match.replace(/\D/g, '');
      return /^[2-6]/.test(digits) && luhnValid(digits) ? PII_TAGS.card : match;
    })
    .replace(IPV4, PII_TAGS.ip)
    .replace(PHONE_CANDIDATE, (match) => (looksLikePhone(match) ? PII_TAGS.phone : match));
}
