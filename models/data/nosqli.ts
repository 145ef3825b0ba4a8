// Generates MongoDB-style NoSQL injection as attackers send it (operator objects in JSON, `name[$ne]=` in
// query/form, operators JSON-encoded inside string values, `$where` JavaScript) plus benign look-alikes
// (JSON Schema `$ref`, Extended JSON `$oid`, JSON:API `filter[price][gte]`, prices like `$12.99`).
// Called by build.ts; attack sources are `gen:nosqli:<family>`, benign ones `gen:benign:<family>`.

import { buildQuery, buildMultipart, fillerParam, uuid, hexId, b64url, slug, word, site } from './contexts.ts';
import { Rng } from './rng.ts';
import { Where } from './contexts.ts';

export interface GenRow { text: string; where: Where; family: string }

const FIELDS = ['username', 'user', 'login', 'email', 'password', 'pass', 'pwd', 'passwd', 'token', 'id', '_id', 'userId', 'user_id', 'name', 'role',
  'account', 'resetToken', 'reset_token', 'code', 'otp', 'apiKey', 'api_key', 'session', 'sessionId', 'uid', 'key', 'secret', 'pin', 'status',
  'category', 'price', 'age', 'owner', 'author', 'slug', 'title', 'q', 'search', 'type', 'isAdmin', 'admin', 'verified', 'phone', 'tenant', 'org'];
const CRED_PAIRS: [string, string][] = [['username', 'password'], ['user', 'pass'], ['login', 'password'], ['email', 'password'], ['user', 'password'],
  ['username', 'pwd'], ['email', 'passwd'], ['name', 'pass'], ['userName', 'passWord'], ['account', 'pin'], ['phone', 'otp'], ['email', 'code']];
const USERS = ['admin', 'administrator', 'root', 'test', 'guest', 'user', 'john', 'alice', 'support', 'superuser', 'admin@example.com', 'carlos', 'wiener'];

/** A random value for an operator that compares ("$ne": null, "$gt": "" ...). */
function cmpValue(r: Rng): unknown {
  return r.pick([null, '', 1, 0, -1, 'x', 'a', 'invalid', 'admin', 'wrongpassword', '1', true, false, r.int(1, 99999), [], {}]);
}

const REGEXES = ['.*', '^a', '^adm', '^admin', '^.*$', 'a.*', '.', '^p', '^[a-z]', '^.{8}$', '^.{' + 0 + ',}$', '^A', 'admin|root', '^$', '.+', '^1', '(?i)admin'];
const WHERE_JS = ['sleep(5000)', 'sleep(10000) || true', 'function(){return true;}', 'function() { sleep(5000); return true; }', '1==1', 'true', 'this.password.length > 0',
  "this.username == 'admin'", "this.password.match(/^a.*/)", "this.password[0] == 'a'", 'return true', "Object.keys(this)[0].match('^.{0}a.*')",
  'while(true){}', "var d = new Date(); do { var cd = new Date(); } while (cd - d < 5000); return true;", "this.role == 'admin' || '1' == '1'", "db.getCollectionNames().length > 0",
  'function(){var x=Date.now();while(Date.now()-x<3000);return 1;}', 'obj.credits - obj.debits < 0', "this.constructor.constructor('return process')().exit()"];
const JS_STRINGS = ["';return true;var a='", "'; return true; var foo='", "' || '1'=='1", "' || 1==1//", "'; sleep(5000); var x='", '"; return true; var a="',
  "1; return true", "0;return true", "' && this.password.match(/.*/)//", "admin' || 'a'=='a", "'%20||%20'1'=='1", "';while(true){};'",
  "1';sleep(5000);'", "' || this.role == 'admin", "a'; return this.isAdmin; var b='", "'; db.users.drop(); var c='", "\\'; return true; //",
  "true, $where: '1 == 1'", ", $where: 'sleep(1000)'", "'}) ; return true; ({'a':'"];

function opObject(r: Rng): Record<string, unknown> {
  const op = r.weighted([['$ne', 30], ['$gt', 18], ['$regex', 14], ['$nin', 6], ['$in', 4], ['$exists', 6], ['$gte', 5], ['$lt', 4], ['$not', 3], ['$type', 2], ['$eq', 2], ['$lte', 2], ['$elemMatch', 1], ['$expr', 1]] as const);
  switch (op) {
    case '$regex': return r.chance(0.3) ? { $regex: r.pick(REGEXES), $options: r.pick(['i', 'si', 'm']) } : { $regex: r.pick(REGEXES) };
    case '$nin': case '$in': return { [op]: r.chance(0.5) ? [] : [r.pick(USERS), r.pick(USERS)] };
    case '$exists': return { $exists: r.pick([true, false, 1]) };
    case '$not': return { $not: r.chance(0.5) ? { $regex: r.pick(REGEXES) } : { $eq: cmpValue(r) } };
    case '$type': return { $type: r.pick([2, 'string', 1]) };
    case '$elemMatch': return { $elemMatch: { $ne: cmpValue(r) } };
    case '$expr': return { $expr: { $eq: [1, 1] } };
    default: return { [op]: cmpValue(r) };
  }
}

function benignExtras(r: Rng, o: Record<string, unknown>): void {
  const pool: [string, () => unknown][] = [
    ['remember', () => r.chance(0.5)], ['rememberMe', () => r.chance(0.5)], ['client_id', () => b64url(r, 20)], ['locale', () => r.pick(['en', 'en-US', 'de-DE'])],
    ['csrf', () => b64url(r, 32)], ['captcha', () => b64url(r, 40)], ['redirect', () => r.pick(['/', '/dashboard', '/account'])], ['device', () => r.pick(['web', 'ios', 'android'])],
    ['page', () => r.int(1, 9)], ['limit', () => r.pick([10, 20, 50])], ['requestId', () => uuid(r)], ['grant_type', () => 'password'], ['version', () => r.pick(['1', '2.0'])],
  ];
  for (let i = r.int(0, 3); i > 0; i--) {
    const [k, f] = r.pick(pool);
    if (!(k in o)) o[k] = f();
  }
}

function jsonOut(r: Rng, o: unknown): string {
  return r.chance(0.15) ? JSON.stringify(o, null, r.pick([2, 4])) : JSON.stringify(o);
}

/** Bracket path for a nested operator: `[$ne]`, `[$regex]`, URL-encoded sometimes (%5B%24ne%5D). */
function bracket(r: Rng, op: string, enc: number): string {
  const b = `[${op}]`;
  if (enc === 0) return b;
  if (enc === 1) return encodeURIComponent(b).replace(/%24/g, '$');
  return encodeURIComponent(b);
}

function bracketValue(r: Rng, op: string): string {
  if (op === '$regex') return encodeURIComponent(r.pick(REGEXES));
  if (op === '$exists') return r.pick(['true', '1', 'false']);
  if (op === '$where') return encodeURIComponent(r.pick(WHERE_JS));
  return r.pick(['', '1', 'x', 'null', 'a', 'admin', 'wrong', '0', 'invalid', String(r.int(1, 9999))]);
}

const FAMILIES: { name: string; weight: number; gen: (r: Rng) => GenRow }[] = [
  {
    name: 'json-operator', weight: 30, gen: (r) => {
      const o: Record<string, unknown> = {};
      if (r.chance(0.6)) {
        const [u, p] = r.pick(CRED_PAIRS);
        o[u] = r.chance(0.35) ? r.pick(USERS) : opObject(r);
        o[p] = r.chance(0.15) && typeof o[u] === 'object' ? 'x' : opObject(r);
      } else {
        o[r.pick(FIELDS)] = opObject(r);
        if (r.chance(0.4)) o[r.pick(FIELDS)] ??= r.pick([word(r), r.int(1, 999), uuid(r)]);
      }
      benignExtras(r, o);
      const wrap = r.int(0, 5);
      const body = wrap === 0 ? { filter: o } : wrap === 1 ? { query: o, limit: r.int(1, 50) } : wrap === 2 ? { data: o } : wrap === 3 ? { where: o } : o;
      return { text: jsonOut(r, body), where: 'body:json', family: 'json-operator' };
    },
  },
  {
    name: 'json-where', weight: 10, gen: (r) => {
      const js = r.pick(WHERE_JS);
      const o: Record<string, unknown> = r.chance(0.5) ? { $where: js } : { [r.pick(FIELDS)]: r.chance(0.5) ? r.pick(USERS) : word(r), $where: js };
      if (r.chance(0.2)) o.$where = r.chance(0.5) ? `function() { return ${js.replace(/^return /, '')}; }` : js;
      benignExtras(r, o);
      const body = r.chance(0.3) ? { [r.pick(['filter', 'query', 'selector', 'criteria'])]: o } : o;
      return { text: jsonOut(r, body), where: 'body:json', family: 'json-where' };
    },
  },
  {
    name: 'json-logical', weight: 8, gen: (r) => {
      const op = r.pick(['$or', '$and', '$nor', '$or', '$or']);
      const parts: unknown[] = [];
      for (let i = r.int(2, 3); i > 0; i--) parts.push(r.chance(0.6) ? { [r.pick(FIELDS)]: opObject(r) } : { [r.pick(FIELDS)]: r.pick(USERS) });
      if (r.chance(0.3)) parts.push({ $where: r.pick(WHERE_JS) });
      const o: Record<string, unknown> = r.chance(0.5) ? { [op]: parts } : { [r.pick(FIELDS)]: r.pick(USERS), [op]: parts };
      benignExtras(r, o);
      return { text: jsonOut(r, r.chance(0.3) ? { filter: o } : o), where: 'body:json', family: 'json-logical' };
    },
  },
  {
    name: 'bracket-params', weight: 26, gen: (r) => {
      const where = r.weighted([['query', 50], ['body:form', 45], ['header:Cookie', 5]] as const);
      const enc = r.weighted([[0, 55], [1, 15], [2, 30]] as const);
      const params: string[] = [];
      const one = (name: string) => {
        const op = r.weighted([['$ne', 40], ['$gt', 15], ['$regex', 15], ['$nin', 5], ['$exists', 6], ['$gte', 4], ['$lt', 3], ['$in', 3], ['$where', 3], ['$not', 2]] as const);
        if (op === '$nin' || op === '$in') return `${name}${bracket(r, op, enc)}${enc ? '%5B%5D' : '[]'}=${r.pick(USERS)}`;
        if (op === '$not') return `${name}${bracket(r, '$not', enc)}${bracket(r, '$regex', enc)}=${encodeURIComponent(r.pick(REGEXES))}`;
        return `${name}${bracket(r, op, enc)}=${bracketValue(r, op)}`;
      };
      if (r.chance(0.55)) {
        const [u, p] = r.pick(CRED_PAIRS);
        params.push(r.chance(0.3) ? `${u}=${encodeURIComponent(r.pick(USERS))}` : one(u), one(p));
      } else params.push(one(r.pick(FIELDS)));
      if (r.chance(0.15)) params.push(one(r.pick(FIELDS)));
      for (let i = r.int(0, 3); i > 0; i--) params.splice(r.int(0, params.length), 0, r.chance(0.5) ? fillerParam(r).join('=') : r.pick(['submit=Login', 'remember=on', `csrf_token=${b64url(r, 32)}`, 'action=login', 'next=%2Faccount']));
      if (where === 'header:Cookie') return { text: params.join('; '), where, family: 'bracket-params' };
      return { text: params.join('&'), where, family: 'bracket-params' };
    },
  },
  {
    name: 'json-in-string', weight: 14, gen: (r) => {
      const o = r.chance(0.2) ? { $where: r.pick(WHERE_JS) } : r.chance(0.15) ? { $or: [{ [r.pick(FIELDS)]: opObject(r) }, { [r.pick(FIELDS)]: opObject(r) }] } : r.chance(0.5) ? opObject(r) : { [r.pick(FIELDS)]: opObject(r) };
      const s = r.chance(0.8) ? JSON.stringify(o) : JSON.stringify(o).replace(/"/g, "'");
      const name = r.pick(['filter', 'query', 'q', 'where', 'search', 'criteria', 'selector', 'find', 'conditions', ...FIELDS]);
      const where = r.weighted([['query', 50], ['body:form', 25], ['body:json', 20], ['body:multipart', 5]] as const);
      if (where === 'body:json') {
        const b: Record<string, unknown> = { [name]: s };
        benignExtras(r, b);
        return { text: JSON.stringify(b), where, family: 'json-in-string' };
      }
      if (where === 'body:multipart') return { text: buildMultipart(r, [{ name, value: s }, { name: 'submit', value: 'Search' }]), where, family: 'json-in-string' };
      const v = r.weighted([[0, 35], [1, 65]] as const) === 0 ? s.replace(/ /g, '%20').replace(/#/g, '%23').replace(/&/g, '%26') : encodeURIComponent(s);
      return { text: where === 'query' ? buildQuery(r, name, v) : `${name}=${v}${r.chance(0.5) ? '&submit=Search' : ''}`, where, family: 'json-in-string' };
    },
  },
  {
    name: 'js-string', weight: 12, gen: (r) => {
      const p = r.pick(JS_STRINGS);
      const name = r.pick(['username', 'user', 'login', 'name', 'password', 'q', 'search', 'id', 'email', 'code', 'token']);
      const where = r.weighted([['query', 40], ['body:form', 35], ['body:json', 25]] as const);
      const v = r.chance(0.3) ? r.pick(USERS) + p : p;
      if (where === 'body:json') {
        const o: Record<string, unknown> = { [name]: v };
        if (r.chance(0.5)) o[name === 'password' ? 'username' : 'password'] = r.chance(0.5) ? b64url(r, 10) : r.pick(USERS);
        benignExtras(r, o);
        return { text: JSON.stringify(o), where, family: 'js-string' };
      }
      const ev = v.includes('%20') ? v : r.chance(0.6) ? encodeURIComponent(v) : v.replace(/ /g, '+').replace(/&/g, '%26').replace(/#/g, '%23');
      return { text: where === 'query' ? buildQuery(r, name, ev) : `${name}=${ev}&${r.pick(['password', 'submit', 'remember'])}=${r.pick(['x', 'Login', 'on'])}`, where, family: 'js-string' };
    },
  },
];

/** `n` NoSQL injection rows (label 1, class nosqli), deterministically from `rng`. */
export function generateNosqli(rng: Rng, n: number): GenRow[] {
  const pairs = FAMILIES.map((f) => [f, f.weight] as const);
  const out: GenRow[] = [];
  while (out.length < n) out.push(rng.weighted(pairs).gen(rng));
  return out;
}

// ---------------------------------------------------------------- benign look-alikes

const PRICES = () => ['$5 off', '$12.99', 'Save $20 on orders over $100', 'only $3.50 shipping', 'was $49, now $29', 'US$1,299.00', '$0.99/month', 'a $25 gift card', 'CA$15', '$$$ expensive'];

export const NOSQL_BENIGN: { name: string; weight: number; gen: (r: Rng) => GenRow }[] = [
  {
    name: 'nosql-lookalike-json', weight: 4, gen: (r) => {
      const objs = [
        () => ({ $schema: r.pick(['http://json-schema.org/draft-07/schema#', 'https://json-schema.org/draft/2020-12/schema']), $id: `https://${site(r)}/schemas/${word(r)}.json`, type: 'object', properties: { [word(r)]: { $ref: `#/definitions/${word(r)}` }, id: { type: 'string', format: 'uuid' } }, required: ['id'] }),
        () => ({ _id: { $oid: hexId(r, 24) }, name: slug(r, 2).replace(/-/g, ' '), createdAt: { $date: `2024-0${r.int(1, 9)}-1${r.int(0, 9)}T0${r.int(0, 9)}:00:00Z` }, count: { $numberLong: String(r.int(1, 1e9)) } }),
        () => ({ filter: { price: { gt: r.int(1, 50), lte: r.int(51, 500) }, category: { eq: word(r) }, name: { contains: word(r) } }, sort: r.pick(['price', '-price']) }),
        () => ({ where: { status: { in: ['active', 'pending'] }, age: { gte: 18 } }, take: r.int(1, 50), skip: r.int(0, 100) }),
        () => ({ gt: r.int(0, 9), gte: r.int(0, 9), ne: word(r), regex: r.pick(['^[A-Z]{2}\\d{4}$', '[0-9]+', '^\\w+@\\w+\\.com$']), nin: [1, 2], or: 'either' }),
        () => ({ title: `${r.pick(PRICES())} this weekend`, price: `$${r.int(1, 99)}.${r.int(10, 99)}`, currency: 'USD', description: `Get ${r.pick(PRICES())} with code ${word(r).toUpperCase()}${r.int(5, 50)}` }),
        () => ({ template: r.pick(['Hello $name, your balance is $balance.', 'Dear $first_name,', 'Order $ORDER_ID shipped', 'Use $1 and $2 as capture groups']), vars: { name: word(r) } }),
        () => ({ $type: r.pick(['MyApp.Models.Order, MyApp', 'System.String']), Id: r.int(1, 9999), Name: slug(r, 2) }),
        () => ({ query: `query($id: ID!) { product(id: $id) { name price } }`, variables: { id: String(r.int(1, 99999)) } }),
        () => ({ regex: r.pick(['^\\d{5}$', '[a-z]+', '.*\\.pdf$']), flags: r.pick(['i', 'g', '']), field: word(r), where: r.pick(['title', 'body', 'tags']) }),
        () => ({ ops: [{ op: 'replace', path: `/${word(r)}`, value: r.int(1, 99) }, { op: 'add', path: '/tags/-', value: word(r) }] }),
        () => ({ amount: `$${r.int(1, 999)}`, note: r.pick(PRICES()), or: r.pick(['Oregon', 'OR']), in: r.pick(['Indiana', 'inches']), ne: r.pick(['Nebraska', 'northeast']) }),
      ];
      const o = r.pick(objs)();
      return { text: r.chance(0.15) ? JSON.stringify(o, null, 2) : JSON.stringify(o), where: 'body:json', family: 'nosql-lookalike-json' };
    },
  },
  {
    name: 'nosql-lookalike-brackets', weight: 3, gen: (r) => {
      const pool = [
        () => `filter[${r.pick(['status', 'category', 'brand'])}]=${word(r)}`, () => `filter[price][${r.pick(['gte', 'gt', 'lt', 'lte'])}]=${r.int(1, 500)}`,
        () => `page[size]=${r.pick([10, 20, 50])}`, () => `page[number]=${r.int(1, 9)}`, () => `sort[${r.pick(['created_at', 'price'])}]=${r.pick(['asc', 'desc'])}`,
        () => `user[name]=${encodeURIComponent(word(r))}`, () => `user[email]=${word(r)}%40example.com`, () => `items[]=${r.int(1, 999)}`, () => `tags[]=${word(r)}`,
        () => `fields[articles]=title,body`, () => `include=author`, () => `q[name_cont]=${word(r)}`, () => `q[price_gteq]=${r.int(1, 50)}`, () => `where[status]=open`,
        () => `options[regex]=false`, () => `price=%24${r.int(1, 99)}.99`, () => `coupon=${encodeURIComponent('$5OFF')}`, () => `amount=${encodeURIComponent('$' + r.int(1, 999))}`,
      ];
      const ps: string[] = [];
      for (let i = r.int(1, 4); i > 0; i--) ps.push(r.pick(pool)());
      if (r.chance(0.4)) ps.push(fillerParam(r).join('='));
      const where = r.weighted([['query', 65], ['body:form', 35]] as const);
      return { text: ps.join('&'), where, family: 'nosql-lookalike-brackets' };
    },
  },
];
