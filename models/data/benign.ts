// Generates realistic benign request parts (reviews with SQL/HTML words, names, IDs, i18n, tracking, JSON/XML/multipart...).
// Called by build.ts; every row's source is gen:benign:<family> so the split can keep whole families on one side.

import { Encoded } from './encode.ts';
import {
  Where, place, buildQuery, buildMultipart, fillerParam, uuid, hexId, b64url, ipv4, site, slug, word, pathPrefix,
} from './contexts.ts';
import { Rng } from './rng.ts';

export interface BenignRow { text: string; where: Where; family: string }

const plain = (s: string): Encoded => ({ s, wire: false, enc: 'none' });

// ---------------------------------------------------------------- word pools

const FIRST = ['James', 'Maria', 'Wei', 'Aisha', 'Olga', 'Liam', 'Sofia', 'Kenji', 'Fatima', 'Lukas', 'Chloé', 'Mateo', 'Priya', 'Noah', 'Emma', 'Ivan', 'Zoë', 'José', 'Anna', 'Omar'];
const LAST = ["O'Brien", "O'Connor", "D'Angelo", "O'Neil", "D'Souza", "Dell'Acqua", "L'Estrange", "N'Diaye", 'Smith', 'García', 'Müller', 'Nguyen', 'Kowalski', 'Ivanova', 'Tanaka', 'Johnson', 'Brown', 'Rossi', 'Silva', "McDonald's"];
const PRODUCTS = ['the blue one', 'the red jacket', 'this blender', 'the union jack mug', 'the script font pack', 'the drop-leaf table', 'these boots', 'the select comfort pillow', 'the cat tree', 'the exec chair', 'the 2-pack', 'the XL size', 'the order-by-phone option', 'the table lamp', 'the kids bike'];

const REVIEW_TEMPLATES: ((r: Rng) => string)[] = [
  (r) => `I'd select ${r.pick(PRODUCTS)} and drop ${r.pick(PRODUCTS)}, honestly.`,
  (r) => `Bought ${r.pick(PRODUCTS)} for my ${r.pick(['wife', 'son', 'dad', 'office'])} - ${r.int(1, 5)} stars. Would order again or recommend to friends and family.`,
  (r) => `Delivery to Union Station was ${r.pick(['fast', 'late', 'on time'])}; the driver didn't call. ${r.pick(['Select', 'Choose'])} "express" if you can.`,
  (r) => `Where do I find the order history? I can't select anything from the drop-down menu on ${r.pick(['Chrome', 'Safari', 'Firefox'])}.`,
  (r) => `The script for the school play is great and the cast is ${r.pick(['amazing', 'fine', 'so-so'])}. Drop by on Friday!`,
  (r) => `Don't ${r.pick(['drop', 'delete', 'update'])} the app yet - the ${r.pick(['union', 'alert', 'exec'])} feature works if you restart it.`,
  (r) => `My cat ${r.pick(['ls', 'loves', 'likes'])} the new bed, and the dog or the kids don't mind either. 10/10 and 5 stars.`,
  (r) => `Select all that apply: ${r.pick(['size', 'color', 'fit'])} and ${r.pick(['price', 'quality'])}. From where I sit, it's worth it.`,
  (r) => `Alert: the ${r.pick(['store', 'shop'])} on ${r.pick(['Main St.', 'Union Ave', '5th Avenue'])} closes at ${r.int(5, 10)}pm, not ${r.int(5, 10)}pm.`,
  (r) => `We had to execute the plan B and order from ${r.pick(['Amazon', 'the local shop', 'their website'])} instead; nothing was dropped this time.`,
  () => `1 = 1 star? No, it's more like 4 or 5 out of 5. Group by price and it's the best deal.`,
  (r) => `Tried it with ${r.pick(['milk', 'water', 'oat milk'])} & sugar; tastes like "home". Shipping cost $${r.int(1, 20)}.${r.int(10, 99)} (ugh).`,
  (r) => `Can you insert a note into my order #${r.int(10000, 99999)}? It's a gift for ${r.pick(FIRST)} ${r.pick(LAST)}.`,
  () => `The "drop table" tutorial on woodworking was useful; the union of two boards is strong with glue & clamps.`,
  (r) => `Is it true the waitfor / delay was due to the weather? My package from ${r.pick(['Berlin', 'Chicago', 'Lyon'])} is 3 days late.`,
  () => `The union's statement said members should select a delegate by Friday or the vote will be dropped.`,
  (r) => `Sleep quality improved after ${r.int(2, 9)} weeks with ${r.pick(PRODUCTS)}; benchmark results: ${r.int(60, 95)}% better.`,
  (r) => `Please update my address from ${r.int(1, 999)} ${r.pick(['Oak', 'Pine', 'Elm'])} St to the new one and cancel the old order where possible.`,
  (r) => `I'm ${r.pick(FIRST)} from ${r.pick(['L\'Aquila', 'Côte d\'Ivoire', "Martha's Vineyard", 'Hawai\'i'])} and I'd like a refund, or an exchange.`,
  () => `Not bad -- but not great either. Size runs small; order one size up.`,
];

const SEARCHES = [
  'union station', 'union station parking', 'select comfort mattress', 'drop leaf table', 'drop ceiling tiles', 'script font', 'screenplay script format',
  'union jack flag', 'where to eat near me', 'order by phone', 'exec chair', 'alert dog collar', 'cat food', 'cat 6 cable', 'ls engine swap', 'drop shipping',
  'update windows 11', 'or and not gates', 'and or logic', 'from paris to london', 'insert coin', 'delete account', 'table tennis', 'sleep mask', 'benchmark gpu',
  'o\'reilly books', "mcdonald's menu", "women's shoes", "men's jeans 32x34", 'javascript tutorial', 'sql tutorial', 'python select from list', 'drop down menu css',
  'html table', 'script writing course', 'alert notification sound', 'exec summary template', 'union square', 'select all shortcut', 'grep command', 'echo dot',
  '1/2 inch drill bit', '3/4" plywood', 'c++ course', 'c# tutorial', '100% cotton', 'rock & roll', 'at&t', 'r&d tax credit', 'tom & jerry', 'q&a',
  'hello world', 'cheap flights', 'best laptop 2024', 'iphone 15 case', 'how to tie a tie', '"exact phrase"', 'shirt -red', 'price:<50', 'site:example.com', 'a+b',
];

const ZH = ['你好世界', '在线购物', '北京天气', '联合车站', '选择颜色', '订单查询', '日本語のテキスト', 'こんにちは', '東京駅', '서울 날씨', '안녕하세요'];
const RU = ['Привет мир', 'купить обувь', 'выбрать размер', 'заказ доставки', 'Москва погода', 'Здравствуйте, как дела?'];
const AR = ['مرحبا بالعالم', 'تسوق عبر الإنترنت', 'اختر اللون', 'طلب التوصيل'];
const OTHER = ['Grüße aus München', 'crème brûlée', 'señor Peña', 'façade', 'Ελληνικά', 'עברית טקסט', 'हिन्दी पाठ', 'ภาษาไทย', 'Tiếng Việt có dấu', 'Łódź', 'smörgåsbord', 'naïve café'];
const EMOJI = ['🙂', '🎉', '❤️', '👍🏽', '🚀', '🇫🇷', '😂😂', '🔥', '✅', '👨‍👩‍👧'];

function i18nText(rng: Rng): string {
  const pool = rng.pick([ZH, RU, AR, OTHER]);
  let s = rng.pick(pool);
  if (rng.chance(0.4)) s += ' ' + rng.pick(pool);
  if (rng.chance(0.35)) s += ' ' + rng.pick(EMOJI);
  return s;
}

function person(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
}

function email(rng: Rng): string {
  const u = rng.pick(FIRST).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') + rng.pick(['', '.', '_', '+news']) + rng.pick(LAST).toLowerCase().replace(/[^a-z]/g, '');
  return `${u}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${rng.pick(['gmail.com', 'example.com', 'outlook.com', 'mail.example.org', 'yahoo.co.jp'])}`;
}

function phone(rng: Rng): string {
  return rng.pick([
    `+1 (${rng.int(200, 989)}) ${rng.int(200, 999)}-${rng.int(1000, 9999)}`, `+44 20 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`,
    `0${rng.int(30, 89)} ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`, `+49-${rng.int(30, 89)}-${rng.int(1000000, 9999999)}`,
    `${rng.int(200, 999)}.${rng.int(200, 999)}.${rng.int(1000, 9999)}`, `+81-3-${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
  ]);
}

function address(rng: Rng): string {
  return rng.pick([
    `${rng.int(1, 9999)} ${rng.pick(['Union', 'Main', 'Oak', 'Select', 'Station', 'Church', "King's"])} ${rng.pick(['St', 'Ave', 'Rd', 'Blvd'])}, Apt #${rng.int(1, 40)}`,
    `${rng.pick(['Flat', 'Unit'])} ${rng.int(1, 30)}/${rng.int(1, 200)} ${rng.pick(['High Street', 'Queen\'s Road'])}`,
    `Hauptstraße ${rng.int(1, 200)}, ${rng.int(10000, 99999)} Berlin`, `${rng.int(1, 99)} rue de l'Église, ${rng.int(10000, 99999)} Paris`,
    `P.O. Box ${rng.int(100, 9999)}`, `c/o ${person(rng)}, ${rng.int(1, 500)} Park Ln.`,
  ]);
}

function jwt(rng: Rng): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: rng.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' })}.${enc({ sub: String(rng.int(1, 1e6)), iat: 1700000000 + rng.int(0, 9e6), scope: rng.pick(['read', 'read write', 'openid profile email']) })}.${b64url(rng, 43)}`;
}

function token(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0: return uuid(rng);
    case 1: return hexId(rng, 64);
    case 2: return hexId(rng, 32);
    case 3: return jwt(rng);
    case 4: return Buffer.from(rng.str(rng.int(12, 60), 'abcdefghijklmnopqrstuvwxyz0123456789 :{}",.-_')).toString('base64');
    case 5: return hexId(rng, 40);
    case 6: return `${rng.pick(['sk_live_', 'pk_test_', 'ghp_', 'xoxb-', 'AKIA'])}${b64url(rng, 24)}`;
    default: return String(rng.int(1, 2 ** 31));
  }
}

function redirectTarget(rng: Rng): string {
  return rng.pick([
    '/', '/account', '/account/settings', '/cart?step=2', '/checkout', `/orders/${rng.int(1000, 99999)}`, '/dashboard#billing', `/products/${slug(rng)}`,
    `https://${site(rng)}/oauth/callback`, `https://${site(rng)}/`, `https://${site(rng)}/login?next=%2Fhome`, `/search?q=${slug(rng, 2)}`, '/en-us/help/', './profile', '../settings',
  ]);
}

function richHtml(rng: Rng): string {
  const t = () => rng.pick(REVIEW_TEMPLATES)(rng).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return rng.pick([
    () => `<p>Hello <b>${rng.pick(FIRST)}</b>,</p><p>${t()}</p>`,
    () => `<p>${t()} See <a href="https://${site(rng)}/${slug(rng)}">this link</a>.</p>`,
    () => `<ul><li>${rng.pick(SEARCHES)}</li><li>${rng.pick(SEARCHES)}</li></ul>`,
    () => `<p><img src="https://cdn.${site(rng)}/img/${hexId(rng, 12)}.jpg" alt="${word(rng)} photo" width="${rng.int(100, 800)}"></p>`,
    () => `<h2>${slug(rng, 2).replace(/-/g, ' ')}</h2><p><em>${t()}</em><br></p>`,
    () => `<p style="text-align: center;"><span style="color: rgb(${rng.int(0, 255)}, ${rng.int(0, 255)}, ${rng.int(0, 255)});">${t()}</span></p>`,
    () => `<blockquote>${t()}</blockquote><p>&nbsp;</p>`,
    () => `<div class="ql-editor"><p>${t()}</p><p><br></p></div>`,
    () => `<table><tr><td>Size</td><td>${rng.pick(['S', 'M', 'L'])}</td></tr><tr><td>Qty</td><td>${rng.int(1, 9)}</td></tr></table>`,
  ])();
}

const SQL_SNIPPETS = [
  'SELECT name, email FROM users WHERE id = 1;', 'SELECT * FROM orders ORDER BY created_at DESC LIMIT 10;', 'DROP TABLE IF EXISTS tmp_import;',
  'SELECT a.id FROM a UNION SELECT b.id FROM b;', "UPDATE products SET price = price * 1.1 WHERE category = 'books';", 'CREATE INDEX idx_users_email ON users(email);',
  "SELECT COUNT(*) FROM events WHERE type = 'click' GROUP BY day;",
];
const SHELL_SNIPPETS = [
  'ls -la /var/log', 'cat ~/.ssh/config', 'grep -r "TODO" src/', 'npm install --save-dev typescript', 'docker compose up -d', 'curl -s https://api.example.com/v1/status | jq .',
  'git log --oneline | head -5', 'sudo systemctl restart nginx', 'tail -f /var/log/syslog', 'find . -name "*.ts" | wc -l', 'chmod +x ./run.sh && ./run.sh',
];
const CODE_SNIPPETS = [
  'function add(a, b) {\n  return a + b;\n}', 'const ids = items.map((i) => i.id).filter(Boolean);', 'for (let i = 0; i < n; i++) {\n  total += prices[i];\n}',
  'def select_best(items):\n    return max(items, key=lambda x: x.score)', 'if (x < 10 && y > 2) { console.log("ok"); }', 'import os\nprint(os.path.join("a", "b"))',
  'SELECT_MODE = "union"  # or "intersection"', '<div className="card">{title}</div>', 'fn main() {\n    println!("Hello, world!");\n}',
];

// ---------------------------------------------------------------- families

type Family = { name: string; weight: number; gen: (rng: Rng) => BenignRow[] | BenignRow };

const TEXT_WHERES: readonly (readonly [Where, number])[] = [['body:json', 35], ['body:form', 30], ['query', 15], ['body:multipart', 10], ['body:text', 4], ['body:xml', 3], ['header:Cookie', 3]];

function inText(rng: Rng, family: string, text: string, names = ['comment', 'review', 'message', 'body', 'text', 'description', 'note', 'content']): BenignRow {
  const where = rng.weighted(TEXT_WHERES);
  return { text: place(rng, plain(text), where, 'benign', rng.pick(names)), where, family };
}

const FAMILIES: Family[] = [
  { name: 'review-trigger-words', weight: 10, gen: (r) => inText(r, 'review-trigger-words', r.pick(REVIEW_TEMPLATES)(r)) },
  { name: 'review-two-sentences', weight: 4, gen: (r) => inText(r, 'review-two-sentences', r.pick(REVIEW_TEMPLATES)(r) + (r.chance(0.5) ? '\n\n' : ' ') + r.pick(REVIEW_TEMPLATES)(r)) },
  {
    name: 'search-trigger-words', weight: 9, gen: (r) => {
      const q = r.pick(SEARCHES) + (r.chance(0.2) ? ' ' + r.pick(SEARCHES) : '');
      const where = r.weighted([['query', 70], ['header:Referer', 15], ['body:json', 10], ['path', 5]] as const);
      if (where === 'header:Referer') return { text: `https://${site(r)}/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}&page=${r.int(1, 5)}`, where, family: 'search-trigger-words' };
      if (where === 'path') return { text: `/search/${encodeURIComponent(q.replace(/ /g, '-'))}`, where, family: 'search-trigger-words' };
      return { text: place(r, plain(q), where, 'benign', r.pick(['q', 'search', 'query', 'term', 'keywords', 's'])), where, family: 'search-trigger-words' };
    },
  },
  {
    name: 'names-apostrophe', weight: 5, gen: (r) => {
      const where = r.weighted([['body:form', 45], ['body:json', 35], ['query', 15], ['body:multipart', 5]] as const);
      if (where === 'body:form' || where === 'body:json') {
        const f: [string, string][] = [['first_name', r.pick(FIRST)], ['last_name', r.pick(LAST)], ['email', email(r)]];
        if (r.chance(0.5)) f.push(['company', r.pick(["L'Oréal", "McDonald's", "Macy's", 'AT&T', 'Procter & Gamble', "Land O'Lakes", 'Ben & Jerry\'s'])]);
        if (r.chance(0.4)) f.push(['phone', phone(r)]);
        if (where === 'body:json') return { text: JSON.stringify(Object.fromEntries(r.chance(0.5) ? f : [['user', Object.fromEntries(f)]])), where, family: 'names-apostrophe' };
        return { text: f.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%20/g, '+').replace(/'/g, '%27')}`).join('&'), where, family: 'names-apostrophe' };
      }
      return { text: place(r, plain(person(r)), where, 'benign', r.pick(['name', 'q', 'author', 'customer'])), where, family: 'names-apostrophe' };
    },
  },
  {
    name: 'contact-info', weight: 4, gen: (r) => {
      const where = r.weighted([['body:form', 50], ['body:json', 40], ['query', 10]] as const);
      const f: [string, string][] = [['name', person(r)], ['email', email(r)], ['phone', phone(r)], ['address', address(r)]];
      if (r.chance(0.5)) f.push(['zip', String(r.int(10000, 99999))]);
      if (where === 'body:json') return { text: JSON.stringify({ contact: Object.fromEntries(f), newsletter: r.chance(0.5) }), where, family: 'contact-info' };
      return { text: f.map(([k, v]) => `${k}=${where === 'query' ? encodeURIComponent(v) : encodeURIComponent(v).replace(/%20/g, '+')}`).join('&'), where, family: 'contact-info' };
    },
  },
  { name: 'forum-code-sql', weight: 0.6, gen: (r) => inText(r, 'forum-code-sql', `${r.pick(['How do I speed up this query?', 'Why does this return duplicates?', 'In the tutorial they use:', 'Solved it with'])}\n\n\`\`\`sql\n${r.pick(SQL_SNIPPETS)}\n\`\`\`\n${r.pick(['Thanks!', 'Any ideas?', '', 'Works on Postgres 15.'])}`, ['body', 'content', 'post', 'message']) },
  { name: 'forum-code-shell', weight: 0.6, gen: (r) => inText(r, 'forum-code-shell', `${r.pick(['To check the logs run', 'I ran', 'Step 2:', 'Try'])} \`${r.pick(SHELL_SNIPPETS)}\` ${r.pick(['and it worked.', 'but got permission denied.', 'then restart.', ''])}`, ['body', 'content', 'post', 'message']) },
  { name: 'code-snippets', weight: 2, gen: (r) => inText(r, 'code-snippets', `${r.pick(['Here is my code:', 'Snippet:', 'Example'])}\n\n\`\`\`\n${r.pick(CODE_SNIPPETS)}\n\`\`\``, ['content', 'body', 'snippet', 'code']) },
  {
    name: 'docs-markdown', weight: 2, gen: (r) => inText(r, 'docs-markdown', `# ${slug(r, 2).replace(/-/g, ' ')}\n\n- ${r.pick(SEARCHES)}\n- [docs](https://${site(r)}/docs/${slug(r)})\n\n**Note:** ${r.pick(REVIEW_TEMPLATES)(r)}`, ['body', 'content', 'markdown', 'description']),
  },
  {
    name: 'redirect-same-site', weight: 4, gen: (r) => {
      const where = r.weighted([['query', 75], ['body:form', 20], ['body:json', 5]] as const);
      return { text: place(r, plain(redirectTarget(r)), where, 'benign', r.pick(['next', 'redirect', 'redirect_uri', 'returnTo', 'return_url', 'continue', 'r', 'goto', 'dest'])), where, family: 'redirect-same-site' };
    },
  },
  {
    name: 'url-params', weight: 3, gen: (r) => {
      const url = r.pick([
        `https://www.youtube.com/watch?v=${b64url(r, 11)}`, `https://cdn.${site(r)}/images/${hexId(r, 16)}.png`, `https://hooks.slack.com/services/T${b64url(r, 8)}/B${b64url(r, 8)}`,
        `https://${site(r)}/feed.xml`, `http://localhost:${r.int(3000, 9000)}/callback`, `https://github.com/${word(r)}/${slug(r, 2)}`, `https://${site(r)}/${slug(r)}?ref=share`,
      ]);
      const where = r.weighted([['query', 55], ['body:json', 35], ['body:form', 10]] as const);
      return { text: place(r, plain(url), where, 'benign', r.pick(['url', 'image_url', 'webhook', 'callback', 'link', 'src', 'feed', 'avatar_url', 'target'])), where, family: 'url-params' };
    },
  },
  {
    name: 'file-params', weight: 3, gen: (r) => {
      const v = r.pick([
        `report-${r.int(2015, 2025)}.pdf`, `docs/${slug(r, 2)}.md`, `invoice_${r.int(1000, 9999)}.pdf`, 'author,comments', 'en/index', `IMG_${r.int(1000, 9999)}.JPG`, `templates/${word(r)}.html`,
        `${word(r)}.css`, 'header', 'dark', `uploads/2024/0${r.int(1, 9)}/${slug(r, 2)}.jpg`, `v${r.int(1, 3)}.${r.int(0, 9)}.${r.int(0, 9)}/release-notes.txt`,
      ]);
      const where = r.weighted([['query', 70], ['body:json', 15], ['body:form', 10], ['path', 5]] as const);
      return { text: place(r, plain(v), where, 'benign', r.pick(['file', 'path', 'page', 'template', 'doc', 'include', 'img', 'download', 'view', 'layout', 'style'])), where, family: 'file-params' };
    },
  },
  {
    name: 'ids-tokens', weight: 5, gen: (r) => {
      const where = r.weighted([['query', 40], ['body:json', 20], ['header:Cookie', 15], ['path', 15], ['body:form', 10]] as const);
      if (where === 'path') return { text: `${r.pick(['/api/v1/objects/', '/orders/', '/share/', '/u/', '/download/'])}${r.pick([uuid(r), hexId(r, 24), b64url(r, 22), String(r.int(1, 1e7))])}`, where, family: 'ids-tokens' };
      return { text: place(r, plain(token(r)), where, 'benign', r.pick(['id', 'token', 'session', 'state', 'nonce', 'code', 'access_token', 'ref', 'sig', 'hash', 'data'])), where, family: 'ids-tokens' };
    },
  },
  { name: 'i18n-text', weight: 6, gen: (r) => inText(r, 'i18n-text', i18nText(r), ['q', 'comment', 'name', 'title', 'message', 'city']) },
  {
    name: 'tracking-query', weight: 5, gen: (r) => {
      const ps: string[] = [];
      ps.push(`utm_source=${r.pick(['google', 'facebook', 'newsletter', 'bing', 'tiktok', 'linkedin'])}`, `utm_medium=${r.pick(['cpc', 'email', 'social', 'display', 'organic'])}`);
      if (r.chance(0.8)) ps.push(`utm_campaign=${r.pick(['spring_sale_2024', 'bf-2023', 'brand', 'retarget_us', 'select_union_promo'])}`);
      if (r.chance(0.4)) ps.push(`utm_content=${slug(r, 2)}`);
      if (r.chance(0.3)) ps.push(`utm_term=${encodeURIComponent(r.pick(SEARCHES)).replace(/%20/g, '+')}`);
      if (r.chance(0.4)) ps.push(`gclid=${b64url(r, r.int(60, 95))}`);
      if (r.chance(0.3)) ps.push(`fbclid=IwAR${b64url(r, r.int(50, 70))}`);
      if (r.chance(0.2)) ps.push(`msclkid=${hexId(r, 32)}`);
      if (r.chance(0.2)) ps.push(`_ga=2.${r.int(1e8, 9e8)}.${r.int(1e8, 9e8)}-${r.int(1e8, 9e8)}.${r.int(1.6e9, 1.7e9)}`);
      if (r.chance(0.2)) ps.push(`mc_cid=${hexId(r, 10)}&mc_eid=${hexId(r, 10)}`);
      r.shuffle(ps);
      if (r.chance(0.5)) ps.unshift(fillerParam(r).join('='));
      const q = ps.join('&');
      const where = r.weighted([['query', 80], ['header:Referer', 20]] as const);
      return { text: where === 'query' ? q : `https://${site(r)}/${slug(r)}?${q}`, where, family: 'tracking-query' };
    },
  },
  { name: 'richtext-html', weight: 5, gen: (r) => inText(r, 'richtext-html', richHtml(r), ['body', 'content', 'html', 'description', 'comment', 'bio', 'signature']) },
  {
    name: 'json-api', weight: 8, gen: (r) => {
      const objs = [
        () => ({ items: [{ sku: `SKU-${r.int(1000, 9999)}`, qty: r.int(1, 5), price: r.int(100, 99999) / 100 }], currency: r.pick(['USD', 'EUR', 'GBP']), coupon: r.chance(0.3) ? 'SPRING10' : null, shipping: { method: r.pick(['standard', 'express']), address: address(r) } }),
        () => ({ select: ['id', 'name', 'email'], where: { status: { _eq: r.pick(['active', 'pending']) }, created_at: { _gte: '2024-01-01' } }, order_by: { created_at: r.pick(['desc', 'asc']) }, limit: r.int(10, 100) }),
        () => ({ query: `query { user(id: "${uuid(r)}") { id name orders(first: ${r.int(1, 20)}) { edges { node { id total } } } } }` }),
        () => ({ event: r.pick(['page_view', 'add_to_cart', 'select_item', 'purchase']), params: { item_name: r.pick(PRODUCTS), value: r.int(1, 500), session_id: hexId(r, 16) }, ts: 1700000000000 + r.int(0, 1e10) }),
        () => ({ username: `${r.pick(FIRST).toLowerCase()}${r.int(1, 999)}`, password: `${b64url(r, r.int(8, 14))}${r.pick(['!', '#', '$', '&', '*', '?', ''])}${r.int(0, 99)}`, remember: r.chance(0.5) }),
        () => ({ filter: { and: [{ field: 'price', op: 'gte', value: r.int(1, 50) }, { field: 'category', op: 'eq', value: word(r) }] }, sort: [{ field: r.pick(['price', 'name']), order: r.pick(['asc', 'desc']) }] }),
        () => ({ title: slug(r, 3).replace(/-/g, ' '), body: r.pick(REVIEW_TEMPLATES)(r), labels: [word(r), word(r)], assignees: [r.pick(FIRST).toLowerCase()] }),
        () => ({ settings: { theme: r.pick(['dark', 'light']), notifications: { email: r.chance(0.5), push: r.chance(0.5) }, timezone: r.pick(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']), language: r.pick(['en', 'de', 'ja']) } }),
        () => ({ messages: [{ role: 'user', content: r.pick(REVIEW_TEMPLATES)(r) }], model: r.pick(['gpt-4o-mini', 'claude-3-haiku']), max_tokens: r.int(64, 1024) }),
        () => ({ cmd: r.pick(['ping', 'sync', 'status']), id: r.int(1, 1000), jsonrpc: '2.0', method: r.pick(['eth_getBalance', 'getUser', 'select']), params: [hexId(r, 40), 'latest'] }),
      ];
      const o = r.pick(objs)();
      return { text: r.chance(0.15) ? JSON.stringify(o, null, 2) : JSON.stringify(o), where: 'body:json', family: 'json-api' };
    },
  },
  {
    name: 'paths-trigger-words', weight: 5, gen: (r) => {
      const seg = r.pick([
        'how-to-select-the-right-union-plan', 'script-fonts/drop-cap', 'docs/sql/select-statement', 'wiki/Union_Station_(Chicago)', 'blog/drop-shipping-101',
        'products/cat-5e-cable', 'recipes/creme-brulee', 'learn/javascript/alert-dialogs', 'help/where-is-my-order', 'news/2024/03/union-vote-results',
        'docs/api/exec-endpoint', 'manual/en/function.exec.php', 'tags/or-and-not', 'shop/select-comfort', 'p/from-paris-with-love', 'cmd/ls', 'bin/latest/app.tar.gz',
        'etc/terms', 'wp-content/uploads/2023/05/photo.jpg', 'static/js/main.3f2a1c.js', 'assets/fonts/Inter-Regular.woff2', 'users/me/passwords/change',
      ]);
      const p = r.chance(0.5) ? `/${seg}` : `${pathPrefix(r)}${seg}`;
      return { text: r.chance(0.1) ? p + '/' : p, where: 'path', family: 'paths-trigger-words' };
    },
  },
  {
    name: 'paths-rest', weight: 4, gen: (r) => {
      const p = r.pick([
        () => `/api/v${r.int(1, 3)}/${r.pick(['users', 'orders', 'items', 'carts', 'products'])}/${r.int(1, 99999)}`,
        () => `/${r.pick(['en', 'de', 'fr-fr', 'ja'])}/${slug(r)}/${r.chance(0.5) ? `p/${r.int(100000, 999999)}` : ''}`,
        () => `/${r.pick(['category', 'c', 'collections'])}/${slug(r, 2)}/${slug(r, 1)}`,
        () => `/${r.pick(['blog', 'news'])}/${r.int(2010, 2025)}/${String(r.int(1, 12)).padStart(2, '0')}/${slug(r, r.int(3, 7))}`,
        () => `/${encodeURIComponent([...i18nText(r)].slice(0, 8).join(''))}`,
        () => `/img/${r.int(100, 1200)}x${r.int(100, 1200)}/${hexId(r, 20)}.${r.pick(['jpg', 'webp', 'png'])}`,
        () => `/@${r.pick(FIRST).toLowerCase()}/${slug(r, 3)}-${hexId(r, 12)}`,
      ])();
      return { text: p.replace(/\/$/, r.chance(0.5) ? '/' : ''), where: 'path', family: 'paths-rest' };
    },
  },
  {
    name: 'cookies', weight: 4, gen: (r) => {
      const parts: string[] = [];
      const pool = [
        () => `${r.pick(['PHPSESSID', 'JSESSIONID', 'sessionid', 'sid', '_session_id'])}=${hexId(r, r.int(26, 32))}`,
        () => `_ga=GA1.2.${r.int(1e8, 9e8)}.${r.int(1.5e9, 1.7e9)}`, () => `_gid=GA1.2.${r.int(1e8, 9e8)}.${r.int(1.5e9, 1.7e9)}`,
        () => `cart=${encodeURIComponent(JSON.stringify({ items: [r.int(1, 999)], total: r.int(1, 500) }))}`, () => `lang=${r.pick(['en', 'de', 'fr'])}`,
        () => `theme=${r.pick(['dark', 'light'])}`, () => `last_search=${encodeURIComponent(r.pick(SEARCHES))}`, () => `recently_viewed=${r.int(1, 999)}%2C${r.int(1, 999)}%2C${r.int(1, 999)}`,
        () => `auth_token=${jwt(r)}`, () => `remember_me=${b64url(r, 40)}`, () => `csrftoken=${b64url(r, 32)}`, () => `tz=${encodeURIComponent(r.pick(['Europe/Berlin', 'America/New_York']))}`,
        () => `name=${encodeURIComponent(person(r))}`, () => `prefs={"currency":"${r.pick(['EUR', 'USD'])}","units":"metric"}`,
      ];
      for (let i = r.int(1, 6); i > 0; i--) parts.push(r.pick(pool)());
      return { text: parts.join('; '), where: 'header:Cookie', family: 'cookies' };
    },
  },
  {
    name: 'xff', weight: 2, gen: (r) => {
      const n = r.int(1, 4);
      const ips: string[] = [];
      for (let i = 0; i < n; i++) ips.push(r.chance(0.8) ? ipv4(r) : `2001:db8:${hexId(r, 4)}::${hexId(r, 3)}`);
      return { text: ips.join(r.chance(0.8) ? ', ' : ','), where: 'header:X-Forwarded-For', family: 'xff' };
    },
  },
  {
    name: 'user-agents', weight: 2, gen: (r) => {
      const ua = r.pick([
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.int(100, 125)}.0.${r.int(1000, 6999)}.${r.int(10, 200)} Safari/537.36`,
        `Mozilla/5.0 (iPhone; CPU iPhone OS ${r.int(14, 17)}_${r.int(0, 6)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${r.int(14, 17)}.0 Mobile/15E148 Safari/604.1`,
        `${r.pick(['curl', 'Wget', 'python-requests', 'okhttp', 'axios', 'PostmanRuntime'])}/${r.int(1, 8)}.${r.int(0, 30)}.${r.int(0, 9)}`,
        `MyApp/${r.int(1, 9)}.${r.int(0, 20)} (${r.pick(['iOS', 'Android'])} ${r.int(10, 17)}; ${r.pick(['iPhone14,2', 'SM-G991B', 'Pixel 7'])}) CFNetwork/1404.0.5 Darwin/22.3.0`,
        `Mozilla/5.0 (compatible; ${r.pick(['Googlebot', 'bingbot', 'YandexBot'])}/2.1; +http://www.${r.pick(['google', 'bing', 'yandex'])}.com/bot.html)`,
      ]);
      return { text: ua, where: 'header:User-Agent', family: 'user-agents' };
    },
  },
  {
    name: 'xml-bodies', weight: 4, gen: (r) => {
      const x = r.pick([
        () => `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrder xmlns="http://example.com/ws"><orderId>${r.int(1, 1e6)}</orderId></GetOrder></soap:Body></soap:Envelope>`,
        () => `<?xml version="1.0"?><rss version="2.0"><channel><title>${slug(r, 2)}</title><item><title>${r.pick(SEARCHES).replace(/&/g, '&amp;')}</title><link>https://${site(r)}/${slug(r)}</link></item></channel></rss>`,
        () => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://${site(r)}/${slug(r)}</loc><lastmod>2024-0${r.int(1, 9)}-1${r.int(0, 9)}</lastmod></url></urlset>`,
        () => `<?xml version="1.0" encoding="UTF-8"?><order><customer>${person(r).replace(/'/g, '&apos;')}</customer><note><![CDATA[${r.pick(REVIEW_TEMPLATES)(r)}]]></note><total currency="EUR">${r.int(1, 999)}.00</total></order>`,
        () => `<svg xmlns="http://www.w3.org/2000/svg" width="${r.int(16, 512)}" height="${r.int(16, 512)}" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z" fill="#${hexId(r, 6)}"/></svg>`,
        () => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${slug(r, 2)}</title></head><body><p>${r.pick(SEARCHES).replace(/&/g, '&amp;')}</p></body></html>`,
        () => `<methodCall><methodName>${r.pick(['wp.getPosts', 'system.listMethods', 'metaWeblog.getRecentPosts'])}</methodName><params><param><value><int>${r.int(1, 9)}</int></value></param></params></methodCall>`,
        () => `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${hexId(r, 32)}" Version="2.0" IssueInstant="2024-05-0${r.int(1, 9)}T10:00:00Z" AssertionConsumerServiceURL="https://${site(r)}/saml/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://${site(r)}</saml:Issuer></samlp:AuthnRequest>`,
        () => `<?xml version="1.0"?><search><query>${r.pick(SEARCHES).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</query><page>${r.int(1, 9)}</page></search>`,
      ])();
      return { text: x, where: 'body:xml', family: 'xml-bodies' };
    },
  },
  {
    name: 'multipart-uploads', weight: 3, gen: (r) => {
      const fname = r.pick([`IMG_${r.int(1000, 9999)}.JPG`, 'résumé (final).pdf', `${r.pick(LAST)} cover letter.docx`, 'Screenshot 2024-03-05 at 10.12.33.png', 'data export.csv', '履歴書.pdf', 'photo #2.jpeg']);
      const fields = [
        { name: 'title', value: r.chance(0.5) ? r.pick(SEARCHES) : i18nText(r) },
        { name: r.pick(['file', 'upload', 'attachment', 'avatar']), filename: fname.replace(/"/g, '%22'), contentType: r.pick(['image/jpeg', 'application/pdf', 'text/csv', 'application/octet-stream']), value: r.pick(['\xff\xd8\xff\xe0JFIF', '%PDF-1.7', 'id,name,price\n1,Blue mug,9.99\n2,"Drop table, oak",199', 'GIF89a']) },
      ];
      if (r.chance(0.5)) fields.push({ name: 'description', value: r.pick(REVIEW_TEMPLATES)(r) });
      if (r.chance(0.4)) fields.push({ name: 'csrf_token', value: b64url(r, 32) });
      return { text: buildMultipart(r, fields), where: 'body:multipart', family: 'multipart-uploads' };
    },
  },
  {
    name: 'text-bodies', weight: 1.5, gen: (r) => {
      const t = r.pick([
        () => `id,name,price\n${r.int(1, 99)},${r.pick(PRODUCTS)},${r.int(1, 99)}.99\n${r.int(1, 99)},"${r.pick(SEARCHES)}",${r.int(1, 99)}.00\n`,
        () => `${r.pick(REVIEW_TEMPLATES)(r)}\n-- \n${person(r)}`,
        () => `2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:${r.int(10, 59)}:00Z INFO select worker=${r.int(1, 9)} took ${r.int(1, 900)}ms`,
        () => `ping`, () => `{"a":${r.int(1, 9)}}`, () => `${uuid(r)}\n${uuid(r)}`,
      ])();
      return { text: t, where: 'body:text', family: 'text-bodies' };
    },
  },
  {
    name: 'numbers-dates', weight: 3, gen: (r) => {
      const ps: [string, string][] = r.pick([
        () => [['price_min', String(r.int(0, 50))], ['price_max', String(r.int(51, 999))]] as [string, string][],
        () => [['from', `2024-0${r.int(1, 9)}-0${r.int(1, 9)}`], ['to', `2024-1${r.int(0, 2)}-1${r.int(0, 9)}`]] as [string, string][],
        () => [['date', `2024-05-0${r.int(1, 9)}T1${r.int(0, 9)}%3A00%3A00Z`], ['tz', '%2B02%3A00']] as [string, string][],
        () => [['range', `${r.int(1, 9)}-${r.int(10, 99)}`], ['amount', `${r.int(1, 9)},${r.int(100, 999)}.${r.int(10, 99)}`]] as [string, string][],
        () => [['filter', `price%3E%3D${r.int(1, 50)}`], ['sort', '-price']] as [string, string][],
        () => [['lat', `${r.int(-89, 89)}.${r.int(1000, 99999)}`], ['lng', `${r.int(-179, 179)}.${r.int(1000, 99999)}`], ['zoom', String(r.int(1, 18))]] as [string, string][],
        () => [['expr', encodeURIComponent(r.pick(['2*(3+4)', 'x^2+y^2=z^2', '1/3', 'a<b', '10%', 'sqrt(16)', '5!', '-1']))]] as [string, string][],
      ])();
      let q = ps.map(([k, v]) => `${k}=${v}`).join('&');
      if (r.chance(0.5)) q = buildQuery(r, ps[0][0], ps[0][1]) + (ps.length > 1 ? '&' + ps.slice(1).map(([k, v]) => `${k}=${v}`).join('&') : '');
      return { text: q, where: 'query', family: 'numbers-dates' };
    },
  },
  {
    name: 'symbols-prose', weight: 3, gen: (r) => inText(r, 'symbols-prose', r.pick([
      'Tom & Jerry | Season 2', 'rock & roll; blues & jazz', 'R&D budget: 50% up (vs. 2023)', 'Q&A: "Is it waterproof?" -> yes!', 'C:\\Users\\Public\\Documents\\report.docx',
      'Home | Products | Contact', 'price < $20 and rating > 4', '5 * 3 = 15', 'email me @ work; or call', "it's 6'2\" tall", '#1 best seller!!!', 'see ~/Downloads/file.txt',
      '[x] done; [ ] todo', 'a/b testing -- results', '{"note": "json in a text field"}', '100% / 2 = 50%', 'user@host:~$ is my prompt lol', 'pipe | separated | values',
    ]) + (r.chance(0.3) ? ' ' + r.pick(EMOJI) : ''), ['title', 'comment', 'q', 'message', 'note', 'subject']),
  },
  {
    name: 'template-placeholders', weight: 0.8, gen: (r) => inText(r, 'template-placeholders', r.pick([
      `Hi {{first_name}}, your order {{order_id}} has shipped!`, 'Dear {name}, thanks for joining.', 'Hello ${user}, welcome back', 'Use %s for the name and %d for the count',
      'Subject: {{ subject | default: "Hello" }}', '<%= greeting %> from the team', 'Total: {{ total }} {{ currency }}',
    ]), ['template', 'body', 'message', 'content', 'subject']),
  },
  {
    name: 'passwords', weight: 1.5, gen: (r) => {
      const pw = r.str(r.int(8, 20), 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*()-_=+[]{};:,.?/~') ;
      const where = r.weighted([['body:form', 60], ['body:json', 40]] as const);
      const user = email(r);
      if (where === 'body:json') return { text: JSON.stringify({ email: user, password: pw }), where, family: 'passwords' };
      return { text: `email=${encodeURIComponent(user)}&password=${encodeURIComponent(pw).replace(/%20/g, '+')}&remember=on`, where, family: 'passwords' };
    },
  },
  {
    name: 'referers', weight: 2, gen: (r) => {
      const ref = r.pick([
        () => `https://www.google.com/search?q=${encodeURIComponent(r.pick(SEARCHES)).replace(/%20/g, '+')}`, () => `https://${site(r)}/${slug(r)}`, () => `https://${site(r)}/`,
        () => `https://${site(r)}/search?${buildQuery(r, 'q', encodeURIComponent(r.pick(SEARCHES)))}`, () => `android-app://com.google.android.gm/`, () => `https://t.co/${b64url(r, 10)}`,
      ])();
      return { text: ref, where: 'header:Referer', family: 'referers' };
    },
  },
];

/** Generate `n` benign rows, deterministically from `rng`. */
export function generateBenign(rng: Rng, n: number): BenignRow[] {
  const pairs = FAMILIES.map((f) => [f, f.weight] as const);
  const out: BenignRow[] = [];
  while (out.length < n) {
    const f = rng.weighted(pairs);
    const r = f.gen(rng);
    for (const row of Array.isArray(r) ? r : [r]) out.push(row);
  }
  return out.slice(0, n);
}

export const BENIGN_FAMILIES = FAMILIES.map((f) => f.name);
