// The validation corpus: addresses as customers give them at a till, each with the verdict the
// capture step must reach. valid → accepted as typed; invalid → refused with a reason;
// typo → a one-tap suggestion of the corrected address (and the typed one is still syntactically
// checked); disposable → accepted with a warning.

export type Expected =
  | { verdict: 'valid' }
  | { verdict: 'invalid' }
  | { verdict: 'typo'; suggestion: string }
  | { verdict: 'disposable' };

const valid = (list: string[]) => list.map((address) => [address, { verdict: 'valid' }] as const);
const invalid = (list: string[]) => list.map((address) => [address, { verdict: 'invalid' }] as const);
const typo = (pairs: [string, string][]) => pairs.map(([address, suggestion]) => [address, { verdict: 'typo', suggestion }] as const);
const disposable = (list: string[]) => list.map((address) => [address, { verdict: 'disposable' }] as const);

const PEOPLE = ['john.doe', 'maya.chen', 'rfischer', 'zoe_laurent', 'jose-ramirez', 'chloe.dubois', 'marcus.bell', 'aisha.t', 'renee.olsen', 'k.nguyen'];
const PROVIDERS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net', 'att.net', 'protonmail.com', 'live.com'];

export const EMAIL_CORPUS: ReadonlyArray<readonly [string, Expected]> = [
  // Everyday addresses at the big providers: 100, one per person × provider.
  ...valid(PEOPLE.flatMap((p) => PROVIDERS.map((d) => `${p}@${d}`))),

  // Other everyday shapes.
  ...valid([
    'a@example.com', 'ab@cd.io', 'x1@y2.co', 'first.last@sub.example.org', 'firstlast+shoes@gmail.com', 'first+tag+more@fastmail.com',
    'o\'brien@example.ie', 'dash-name@my-company.com', 'under_score@example.net', 'UPPER@EXAMPLE.COM', 'MiXeD.Case@Example.Com',
    'numbers123@example.com', '123456@example.com', 'a.b.c.d@example.com', 'name@school.k12.co.us', 'someone@cs.colorado.edu',
    'me@startup.co', 'info@bakery.shop', 'hello@studio.design', 'user@domain.travel', 'hi@example.museum', 'team@xn--mnchen-3ya.de',
    'person@gmx.de', 'person@web.de', 'person@yahoo.co.uk', 'person@hotmail.co.uk', 'person@hotmail.fr', 'user%legacy@example.com',
    'first.m.last@state.gov', 'x@example.technology', 'e@e.ee', 'tilde~name@example.com', 'curly{brace}@example.com', 'bang!@example.com',
    'hash#tag@example.com', 'dollar$@example.com', 'amp&co@example.com', 'star*@example.com', 'equals=sign@example.com', 'q?mark@example.com',
    'caret^@example.com', 'back`tick@example.com', 'pipe|name@example.com', 'slash/name@example.com',
  ]),

  // Unicode: accented and non-Latin local parts and internationalized domains.
  ...valid([
    'josé@example.com', 'zoë@example.com', 'renée.olsen@example.fr', 'chloé@bücher.de', 'user@münchen.de', 'δοκιμή@παράδειγμα.δοκιμή',
    '用户@例子.广告', 'почта@пример.рф', 'θσερ@εχαμπλε.ψομ', 'müller@müller.de', 'jørgen@blåbær.no', 'ñandú@españa.es', 'Δ@example.gr',
    'अजय@डाटा.भारत', 'user@例え.テスト', 'sørensen@example.dk',
  ]),

  // Quoted local parts (RFC 5321): rare, but real mailboxes.
  ...valid(['"john doe"@example.com', '"very.unusual.@.unusual.com"@example.com', '"quoted"@example.com', '"a b c"@example.org', '"john..doe"@example.com']),

  // Long but within limits: 64-character local part, long domain labels.
  ...valid([`${'a'.repeat(64)}@example.com`, `user@${'b'.repeat(63)}.com`, `${'c'.repeat(40)}@${'d'.repeat(50)}.${'e'.repeat(50)}.com`]),

  // Not addresses.
  ...invalid([
    '', ' ', 'plainaddress', '@example.com', 'john@', 'john@example', 'john@@example.com', 'john.example.com', 'john doe@example.com',
    'john@exa mple.com', '.john@example.com', 'john.@example.com', 'john..doe@example.com', 'john@example..com', 'john@.example.com',
    'john@example.com.', 'john@-example.com', 'john@example-.com', 'john@example.c', 'john@localhost', 'john@[127.0.0.1]', 'john@127.0.0.1',
    'john@example_domain.com', 'John Doe <john@example.com>', '<john@example.com>', 'john@example.com>', 'mailto:john@example.com',
    'john,doe@example.com', 'john;doe@example.com', 'john(at)example.com', 'john[at]example.com', 'john@exam,ple.com', 'john@ex ample.com',
    'a@b', 'a@b.', '@', '@@', 'john@example.com@example.com', '"unterminated@example.com', 'john"doe"@example.com', 'jo\\hn@example.com',
    'john@exa\\mple.com', 'john@example.123', 'john@123', 'jo hn@gmail.com', 'john@gmail .com', 'john @gmail.com', 'john@ gmail.com',
    'john@gmail', 'john@gmailcom', 'john@.com', 'john.doe@gmail..com', 'john@example.c0m-', '😀@example.com', 'john@exam_ple.org', 'john@@', 'john.doe@', '.@example.com',
  ]),

  // Injection attempts are just not addresses.
  ...invalid([
    '<script>alert(1)</script>@example.com', 'john@<script>.com', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg/onload=alert(1)>',
    "' OR 1=1 --", "john@example.com' OR '1'='1", "'; DROP TABLE customers; --@x.com", 'john@example.com; DROP TABLE consents',
    'john@example.com\nBcc: all@example.com', '${7*7}@example.com{', 'john@{{7*7}}.com', '%00@example.com@', '../../etc/passwd',
  ]),

  // Too long: local part over 64, domain label over 63, whole address over 254.
  ...invalid([
    `${'a'.repeat(65)}@example.com`, `user@${'b'.repeat(64)}.com`, `${'c'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.com`,
    `${'x'.repeat(10_000)}@example.com`, 'a'.repeat(300),
  ]),

  // Domain typos of the big providers: one tap to fix.
  ...typo([
    ['john@gmial.com', 'john@gmail.com'], ['john@gamil.com', 'john@gmail.com'], ['john@gmai.com', 'john@gmail.com'],
    ['john@gnail.com', 'john@gmail.com'], ['john@gmail.co', 'john@gmail.com'], ['john@gmail.cmo', 'john@gmail.com'],
    ['john@gmail.con', 'john@gmail.com'], ['john@gmaill.com', 'john@gmail.com'], ['john@gmal.com', 'john@gmail.com'],
    ['john@gmail.om', 'john@gmail.com'], ['john@gmail.cm', 'john@gmail.com'], ['john@gmail.comm', 'john@gmail.com'],
    ['ann@hotmial.con', 'ann@hotmail.com'], ['ann@hotmial.com', 'ann@hotmail.com'], ['ann@hotmai.com', 'ann@hotmail.com'],
    ['ann@hotmail.co', 'ann@hotmail.com'], ['ann@hotmal.com', 'ann@hotmail.com'], ['ann@homail.com', 'ann@hotmail.com'],
    ['ann@hotmail.cmo', 'ann@hotmail.com'], ['ann@hotmil.com', 'ann@hotmail.com'],
    ['bo@yaho.com', 'bo@yahoo.com'], ['bo@yahooo.com', 'bo@yahoo.com'], ['bo@yahoo.cm', 'bo@yahoo.com'], ['bo@yhaoo.com', 'bo@yahoo.com'],
    ['bo@yahoo.con', 'bo@yahoo.com'], ['bo@tahoo.com', 'bo@yahoo.com'],
    ['cy@outlok.com', 'cy@outlook.com'], ['cy@outllok.com', 'cy@outlook.com'], ['cy@outlook.cm', 'cy@outlook.com'], ['cy@outloo.com', 'cy@outlook.com'],
    ['cy@otulook.com', 'cy@outlook.com'], ['cy@outlook.co', 'cy@outlook.com'],
    ['di@icloud.con', 'di@icloud.com'], ['di@iclod.com', 'di@icloud.com'], ['di@icoud.com', 'di@icloud.com'], ['di@icloud.cm', 'di@icloud.com'],
    ['ed@comcast.ent', 'ed@comcast.net'], ['ed@comcast.nt', 'ed@comcast.net'], ['ed@comcst.net', 'ed@comcast.net'], ['ed@concast.net', 'ed@comcast.net'],
    ['fay@aol.co', 'fay@aol.com'], ['fay@aol.con', 'fay@aol.com'],
    ['gus@sbcglobal.ner', 'gus@sbcglobal.net'], ['gus@verizon.nte', 'gus@verizon.net'], ['gus@verizn.net', 'gus@verizon.net'],
    ['hal@live.co', 'hal@live.com'], ['hal@protonmial.com', 'hal@protonmail.com'], ['hal@protonmail.con', 'hal@protonmail.com'],
    ['ivy@att.nt', 'ivy@att.net'], ['ivy@bellsouth.nte', 'ivy@bellsouth.net'],
  ]),

  // Throwaway mailboxes: accepted, with a warning to mention to the customer.
  ...disposable(['someone@mailinator.com', 'x@10minutemail.com', 'y@guerrillamail.com', 'z@yopmail.com', 'a@trashmail.com', 'b@sharklasers.com']),
];
