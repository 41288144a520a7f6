import { describe, expect, test } from 'vitest';
import { ibanValid, looksLikePhone, luhnValid, maskPii } from './mask-pii';

describe('masks', () => {
  test.each([
    ['Write to jane.doe+news@example.co.uk today.', 'Write to [EMAIL] today.'],
    ['<a.b@sub-domain.example.org>', '<[EMAIL]>'],
    ['Mail me: JOHN_SMITH@Example.COM.', 'Mail me: [EMAIL].'],
    ['Call +44 20 7946 0958 now', 'Call [PHONE] now'],
    ['Call +1 (202) 555-0143.', 'Call [PHONE].'],
    ['Tel. +49 (0)30 1234567', 'Tel. [PHONE]'],
    ['+33 1 23 45 67 89', '[PHONE]'],
    ['0044 20 7946 0958', '[PHONE]'],
    ['+12025550143', '[PHONE]'],
    ['US: (202) 555-0143 or 202-555-0143 or 202.555.0143', 'US: [PHONE] or [PHONE] or [PHONE]'],
    ['UK: 020 7946 0958, mobile 07700 900123', 'UK: [PHONE], mobile [PHONE]'],
    ['FR: 06.12.34.56.78 or 01 23 45 67 89', 'FR: [PHONE] or [PHONE]'],
    ['DE: 030/1234567 or 0171 1234567', 'DE: [PHONE] or [PHONE]'],
    ['Server 192.168.1.20 is down.', 'Server [IP] is down.'],
    ['from 10.0.0.1, to 8.8.8.8', 'from [IP], to [IP]'],
    ['Card 4111 1111 1111 1111 expires', 'Card [CARD] expires'],
    ['Card 4111-1111-1111-1111', 'Card [CARD]'],
    ['Amex 3782 822463 10005', 'Amex [CARD]'],
    ['Paid with 5555555555554444.', 'Paid with [CARD].'],
    ['IBAN DE89 3704 0044 0532 0130 00 please', 'IBAN [IBAN] please'],
    ['IBAN GB82WEST12345698765432', 'IBAN [IBAN]'],
    ['To GB82 WEST 1234 5698 7654 32 AND more', 'To [IBAN] AND more'],
    [
      'git clone https://alice:s3cret@git.example.com/repo.git',
      'git clone https://[CREDENTIALS]@git.example.com/repo.git',
    ],
    ['ftp://user@files.example.com/x', 'ftp://[CREDENTIALS]@files.example.com/x'],
  ])('%s', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });
});

describe('leaves alone', () => {
  test.each([
    'Ann has 12 apples and buys 15 more. How many apples does she have?',
    'What is 1234567 + 7654321?',
    'Compute 123456789 * 987654321.',
    'The numbers 12 15 18 21 24 27 follow a pattern.',
    'Born 1985-03-12, died 2024-01-15.',
    'On 15.01.2024 and 01.02.2024 and 01/15/2024 at 12:30.',
    'Version 1.2.3, v10.4.12, Node 20.19.0, build 2.10.4.1234.',
    'Upgrade to version 1.2.3.4 now.',
    'Pi is 3.14159265358979 and e is 2.718281828459045.',
    'The population was 8,336,817 in 2022.',
    'ISBN 978-3-16-148410-0',
    'Card 4111 1111 1111 1112 fails the Luhn check.',
    'IBAN DE00 3704 0044 0532 0130 00 fails mod 97.',
    'Reach us via @support or at https://example.com/contact@team.',
    'Between 555-1234 and 555-5678 there are 4444 numbers.',
    'The digits 0123456789 are all different.',
    'A 3 - 4 - 5 triangle; 1 2 3 4 5 6 7 8 9 10.',
    'Temperature rose from -12.5 to +13.25 degrees.',
    'Order #20240115 shipped.',
  ])('%s', (input) => {
    expect(maskPii(input)).toBe(input);
  });
});

test('checks', () => {
  expect(luhnValid('4111111111111111')).toBe(true);
  expect(luhnValid('4111111111111112')).toBe(false);
  expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
  expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
  expect(ibanValid('DE89 3704 0044 0532 0130')).toBe(false); // wrong length for DE
  expect(looksLikePhone('2024-01-15')).toBe(false);
  expect(looksLikePhone('020 7946 0958')).toBe(true);
});

test('masks every occurrence in a longer text and keeps the rest', () => {
  const text =
    'Contact Helena Varga (helena@varga.hu, +36 62 123 4567) about the 3 libraries she ' +
    'designed between 1921 and 1938; the archive at 172.16.5.4 has 42 drawings.';
  expect(maskPii(text)).toBe(
    'Contact Helena Varga ([EMAIL], [PHONE]) about the 3 libraries she ' +
      'designed between 1921 and 1938; the archive at [IP] has 42 drawings.',
  );
});
