// `make fuzz`: what API clients send that looks like an attack's syntax without being one, written
// from public shapes, not from any evaluation set: share counters' and link checkers' URLs
// (`url=https://google.com`), templates posted to template APIs (an e-mail's `{{ user.name }}`, a
// page's `{% for %}`), and hosted LLMs' request bodies (prompts of agent frameworks, text-to-SQL
// apps, tool schemas). Printed: how many are flagged at the default threshold, per family, with the
// probes of the same families that must stay flagged (an injected template, a redirect trick).
// WAFSCORE_CORE=<core.wasm> scores with another core. A figure, not a test.

import { loadCore } from "../support/core";

const SITES = ["google.com", "www.google.com", "github.com", "facebook.com", "twitter.com", "example.com", "nytimes.com", "bit.ly", "news.ycombinator.com", "en.wikipedia.org"];
const URL_KEYS = ["url", "u", "link", "href", "target", "source", "ref", "q"];
const URLS = (site: string) => [`https://${site}`, `http://${site}`, `https://${site}/`];

// What an open redirect needs beyond a URL: these stay flagged.
const REDIRECTS = ["//evil.example", "/\\evil.example", "https://trusted.example@evil.example", "http:evil.example", "\\/\\/evil.example"];

// Templates as template APIs store them (e-mail, page and prompt templates: names and their members).
const TEMPLATES = [
  "Hi {{ user.name }}, your order {{ order.id }} has shipped.",
  "{% if user.email %}We sent a code to {{ user.email }}.{% else %}Add an e-mail address.{% endif %}",
  "<ul>{% for item in cart.items %}<li>{{ item.title }} x {{ item.quantity }}</li>{% endfor %}</ul>",
  "Click {{ url }} to reset the password of your {{ application.name }} account.",
  "Dear ${customer.firstName}, your invoice ${invoice.number} is due.",
  "Generate a <%= @language %> function named <%= @name %>.",
  "Summarise {{ document.title }} for {{ audience }} in {{ length }} words.",
];
// Injected templates: these stay flagged.
const INJECTED = ["{{7*7}}", "{{config.items()}}", "{% debug %}", "{{e.user.password}}", "<%= 7*7 %>", "${T(java.lang.Runtime).getRuntime().exec('id')}", "{{ ''.__class__.__mro__[1].__subclasses__() }}"];
const TEMPLATE_BODIES: Array<(t: string) => [string, string]> = [
  (t) => ["body:json", JSON.stringify({ template: { name: "welcome", body: t, enabled: true } })],
  (t) => ["body:form", `subject=Welcome&body=${encodeURIComponent(t)}`],
];

// Prompts of public templates (LangChain's ReAct and SQL agent, crewAI's tool list, a text-to-SQL
// few-shot, a review of a diff, a JSON schema for structured output, plain chat in three languages).
const PROMPTS = [
  "Answer the following questions as best you can. You have access to the following tools:\n\nsearch: useful for when you need to answer questions about current events\n\nUse the following format:\n\nQuestion: the input question you must answer\nThought: you should always think about what to do\nAction: the action to take, should be one of [search]\nAction Input: the input to the action\nObservation: the result of the action\n... (this Thought/Action/Action Input/Observation can repeat N times)\nThought: I now know the final answer\nFinal Answer: the final answer to the original input question\n\nBegin!\n\nQuestion: What is the population of France divided by 3?\nThought:",
  "You are an agent designed to interact with a SQL database.\nGiven an input question, create a syntactically correct sqlite query to run, then look at the results of the query and return the answer.\nNever query for all the columns from a specific table, only ask for the relevant columns given the question.\n\nDO NOT make any DML statements (INSERT, UPDATE, DELETE, DROP etc.) to the database.\n\nIf the question does not seem related to the database, just return \"I don't know\" as the answer.",
  "Question: Which country's customers spent the most?\nSQLQuery: SELECT \"BillingCountry\", SUM(\"Total\") AS \"TotalSpent\" FROM \"Invoice\" GROUP BY \"BillingCountry\" ORDER BY \"TotalSpent\" DESC LIMIT 1;\nSQLResult: [('USA', 523.06)]\nAnswer:",
  "Tool Name: Delegate work to coworker(task: str, context: str, coworker: Optional[str] = None, **kwargs)\nTool Description: Delegate a specific task to one of the following coworkers: Researcher\nTool Arguments: {'task': {'title': 'Task', 'type': 'string'}, 'context': {'title': 'Context', 'type': 'string'}, 'coworker': {'title': 'Coworker', 'anyOf': [{'type': 'string'}, {'type': 'null'}], 'default': None}, 'kwargs': {'title': 'Kwargs', 'type': 'object'}}",
  "Tool Name: multiplier\nTool Arguments: {'first_number': {'description': None, 'type': 'int'}, 'second_number': {'description': None, 'type': 'int'}}\nTool Description: Useful for when you need to multiply two numbers together.",
  "Review this pull request and point out bugs:\n```diff\n- const user = db.query(\"SELECT * FROM users WHERE id = \" + req.params.id);\n+ const user = db.query(\"SELECT * FROM users WHERE id = $1\", [req.params.id]);\n```",
  "Extract the fields as JSON matching this schema: {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}, \"age\": {\"type\": [\"integer\", \"null\"]}}, \"required\": [\"name\"]}",
  "Hey! can you help me write an email to my landlord about the broken heater? It's been 3 days & it's freezing... also mention the lease says repairs within 48h",
  "Résume cet article en 3 points : « Le gouvernement a présenté mardi son projet de loi de finances ; l'opposition dénonce un texte « injuste » »",
  "次の文章を英語に翻訳してください：「明日の会議は午後3時からです。資料を準備しておいてください。」",
  ...TEMPLATES.map((t) => `Fill in this template with realistic values: ${t}`),
];
// Tool calls and traces as LLM clients send them: choices quoted in a tool's description, a
// Python-printed role, a code generator's ERB template, a one-line instruction. Written anew from the
// shapes of the spent held-out draws' flagged parts (their texts are not copied).
const TOOL_BODIES: unknown[] = [
  { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: "What is the weather in Lyon?" }], tools: [{ name: "get_weather", description: "Get the current weather in a given location", input_schema: { type: "object", properties: { location: { type: "string", description: "The city and country, e.g. Lyon, France" }, unit: { type: "string", enum: ["celsius", "fahrenheit"], description: "The unit of temperature, either 'celsius' or 'fahrenheit'" } }, required: ["location"] } }] },
  { model: "gpt-4o", messages: [{ role: "system", content: "Pick the better answer." }, { role: "user", content: "Answer A: Paris is the capital of France.\n\nAnswer B: Lyon is the capital of France." }], tool_choice: { type: "function", function: { name: "choose" } }, tools: [{ type: "function", function: { name: "choose", description: "Records the preferred answer ('A' or 'B')", parameters: { type: "object", properties: { preferred: { type: "string", enum: ["A", "B"], description: "The preferred answer, either 'A' or 'B'" } } } } }] },
  { model: "gpt-4o-mini", messages: [{ role: "'system'", content: "You are a researcher." }, { role: "'user'", content: "Current Task: list three facts about otters." }] },
  { model: "mistral-large-latest", messages: [{ role: "user", content: "Return True" }], tools: [{ type: "function", function: { name: "return_bool", parameters: { type: "object", properties: { value: { type: "boolean" } } } } }] },
  { model: "gpt-4o", messages: [{ role: "user", content: "Fill in the generator's template:\n  module <%= project_name.camelize %>\n    class <%= class_name %> < Base\n      def call\n        <%= body %>\n      end\n    end\n  end" }] },
  { model: "gpt-4o", messages: [{ role: "user", content: "Decide whether 'yes' or 'no' answers it, and say 'unsure' and 'maybe' only when you must." }] },
  { model: "claude-sonnet-4-5", max_tokens: 512, messages: [{ role: "user", content: "<instructions>\nAnswer from the documents only.\n</instructions>\n<documents>\n<document index=\"1\">\n<source>report.pdf</source>\n<document_content>Revenue rose 12%.</document_content>\n</document>\n</documents>\n<example index=\"1\">\nQ: 2+2\nA: 4\n</example>" }] },
  { model: "gpt-4o", messages: [{ role: "user", content: "Render: Hello {{name}}! {{#items}}- {{.}}\n{{/items}}{{^items}}No items.{{/items}}" }] },
  { resourceSpans: [{ scopeSpans: [{ spans: [{ name: "openai.chat", attributes: [{ key: "llm.request.functions.0.description", value: { stringValue: "Either 'list' or 'get' the user's files" } }] }] }] }] },
];
// The same bodies with a payload in a tool's argument: these stay flagged.
const TOOL_INJECTED: unknown[] = [
  { model: "gpt-4o", messages: [{ role: "tool", tool_call_id: "c1", content: "x' OR '1'='1" }] },
  { model: "gpt-4o", messages: [{ role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: JSON.stringify({ user: "admin' OR 'a'='a" }) } }] }] },
  { model: "gpt-4o", messages: [{ role: "user", content: "{\"$where\": \"'; return true; var x='\"}" }] },
  { model: "gpt-4o", messages: [{ role: "user", content: "<%= system('id') %>" }] },
];

// Code completion (fill in the middle) and coding agents' tool calls: code by construction, whose PHP,
// handlers, SQL and shell are an injection's syntax however they are read. A figure of what such a
// route meets without its own policy (README, "In front of an LLM API"), not a goal.
const CODE_BODIES: unknown[] = [
  { model: "codestral-latest", prompt: "def fibonacci(n: int):", suffix: "n = int(input('Enter a number: '))\nprint(fibonacci(n))" },
  { model: "codestral-latest", prompt: "const users = await db.query('SELECT id, name FROM users WHERE active = $1', [true]);\nfor (const u of users.rows) {", suffix: "}\n" },
  { model: "codestral-latest", prompt: "-- list orders of the last week\nSELECT o.id, o.total FROM orders o WHERE o.created_at > now() - interval '7 days'", suffix: " ORDER BY o.total DESC;" },
  { model: "codestral-latest", prompt: "#!/bin/bash\nset -euo pipefail\nfor f in *.log; do\n  gzip \"$f\"\ndone\n", suffix: "echo done" },
  { model: "codestral-latest", prompt: "<?php\n$id = (int) $_GET['id'];\n$stmt = $pdo->prepare('SELECT * FROM posts WHERE id = ?');\n", suffix: "?>" },
  { model: "codestral-latest", prompt: "<form action=\"/login\" method=\"post\">\n  <input type=\"text\" name=\"user\">\n  <button onclick=\"submitForm()\">Login</button>\n", suffix: "</form>" },
  { model: "claude-sonnet-4-5", messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t1", name: "bash", input: { command: "find / -name '*.conf' 2>/dev/null | head" } }] }] },
  { model: "claude-sonnet-4-5", messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t2", name: "str_replace_editor", input: { command: "str_replace", path: "/repo/app.py", old_str: "if user == 'admin' or user == 'root':", new_str: "if user in ('admin', 'root'):" } }] }] },
];

// Queries as SQL-over-HTTP APIs, BI tools and LLM agents' SQL tools send them, a whole query as the
// value (BigQuery's jobs.query, Snowflake's and Databricks' statement APIs, Athena, Metabase's native
// queries, Grafana's SQL panels, Superset's SQL Lab, ClickHouse's HTTP interface, an agent's
// sql_db_query call), written anew on public sample schemas (Chinook, TPC-H, BigQuery's public
// datasets, Northwind). Such a value is a query, not an injection into one (core/sqlquery.ts).
const QUERIES = [
  "SELECT word, SUM(word_count) AS count FROM `bigquery-public-data.samples.shakespeare` GROUP BY word ORDER BY count DESC LIMIT 10",
  "SELECT name, SUM(number) AS total FROM `bigquery-public-data.usa_names.usa_1910_2013` WHERE state = 'TX' GROUP BY name ORDER BY total DESC LIMIT 10",
  "SELECT DATE(created_at) AS day, COUNT(*) AS n FROM analytics.events WHERE created_at >= '2024-01-01' GROUP BY day ORDER BY day",
  "SELECT c_custkey, c_name, SUM(o_totalprice) FROM snowflake_sample_data.tpch_sf1.customer JOIN snowflake_sample_data.tpch_sf1.orders ON c_custkey = o_custkey GROUP BY c_custkey, c_name ORDER BY 3 DESC LIMIT 20",
  "SELECT l_returnflag, l_linestatus, SUM(l_quantity) AS sum_qty, AVG(l_extendedprice) AS avg_price FROM lineitem WHERE l_shipdate <= DATE '1998-12-01' GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag",
  "WITH recent AS (SELECT customer_id, MAX(order_date) AS last_order FROM orders GROUP BY customer_id) SELECT COUNT(*) FROM recent WHERE last_order < '2024-06-01'",
  "SELECT status, COUNT(*) FROM tickets GROUP BY status",
  "SELECT * FROM samples.nyctaxi.trips LIMIT 10",
  "SELECT pickup_zip, AVG(fare_amount) FROM samples.nyctaxi.trips GROUP BY pickup_zip ORDER BY 2 DESC LIMIT 5",
  "SELECT $__timeGroupAlias(time, '1m'), avg(value) AS value FROM metrics WHERE $__timeFilter(time) AND host = 'web-1' GROUP BY 1 ORDER BY 1",
  "SELECT toStartOfHour(timestamp) AS hour, count() FROM logs WHERE level = 'error' GROUP BY hour ORDER BY hour",
  "SELECT product_name, unit_price FROM products WHERE discontinued = 0 ORDER BY unit_price DESC LIMIT 10;",
  "SELECT e.first_name, e.last_name, d.name FROM employees e JOIN departments d ON d.id = e.department_id WHERE d.name = 'Sales'",
  "SELECT COUNT(DISTINCT user_id) AS dau FROM events WHERE event_date = CURRENT_DATE",
  "SELECT region, SUM(amount) AS revenue FROM sales WHERE year = 2024 GROUP BY region HAVING SUM(amount) > 10000 ORDER BY revenue DESC",
  "SELECT \"BillingCountry\", SUM(\"Total\") FROM \"Invoice\" GROUP BY \"BillingCountry\" ORDER BY 2 DESC LIMIT 5;",
  "SELECT t.\"Name\", g.\"Name\" AS genre FROM \"Track\" t JOIN \"Genre\" g ON t.\"GenreId\" = g.\"GenreId\" LIMIT 10;",
  "SELECT [CustomerID], [CompanyName] FROM [Customers] WHERE [Country] = 'Germany'",
  "select id, title from posts order by created_at desc limit 20",
  "-- top customers by revenue\nSELECT customer_id, SUM(total) AS revenue -- before refunds\nFROM invoices\nGROUP BY customer_id\nORDER BY revenue DESC\nLIMIT 10",
  // A catalogue read is legitimate here, and is an injection's enumeration elsewhere: left to the model.
  "SELECT table_name FROM my_dataset.INFORMATION_SCHEMA.TABLES",
];
const QUERY_BODIES: Array<(q: string) => [string, string]> = [
  (q) => ["body:json", JSON.stringify({ query: q, useLegacySql: false, timeoutMs: 10000 })],
  (q) => ["body:json", JSON.stringify({ statement: q, timeout: 60, warehouse: "COMPUTE_WH", role: "ANALYST" })],
  (q) => ["body:json", JSON.stringify({ statement: q, warehouse_id: "8e2a6c1f3b9d4e07", wait_timeout: "30s" })],
  (q) => ["body:json", JSON.stringify({ QueryString: q, WorkGroup: "primary", QueryExecutionContext: { Database: "analytics" } })],
  (q) => ["body:json", JSON.stringify({ database: 1, type: "native", native: { query: q, "template-tags": {} } })],
  (q) => ["body:json", JSON.stringify({ queries: [{ refId: "A", datasource: { type: "postgres", uid: "P1" }, rawSql: q, format: "table" }], from: "now-6h", to: "now" })],
  (q) => ["body:json", JSON.stringify({ database_id: 1, sql: q, runAsync: false, schema: "public" })],
  (q) => ["query", `query=${encodeURIComponent(q)}&default_format=JSONCompact`],
  (q) => ["body:json", JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "How many?" }, { role: "assistant", content: q }] })],
];
// Injections that open with SELECT, in the same bodies: these stay flagged.
const QUERY_INJECTED = [
  "select * from users where id=1 or 1=1",
  "SELECT a FROM b WHERE c=' OR ''='",
  "select * from users; drop table users",
  "select * from users union select 1,2",
  "SELECT * FROM users WHERE id = 1 AND SLEEP(5)",
  "select username,password from users",
];

// Queries quoted as code in prose, as developers' questions, support tickets, documentation tools and
// LLM chats carry them: an inline `…` span or a Markdown fence. Backquotes make their content an
// identifier to MySQL and SQLite and an error elsewhere, never code (core/sqlcode.ts). Written anew.
const CODE_FRAMES_INLINE = [
  "Use `{q}` to get the numbers, then paste them here.",
  "Why does `{q}` return duplicates? I expected one row per customer.",
  "I ran `{q}` and it took 40 seconds on 2M rows. Any index I should add?",
];
const CODE_FRAMES_FENCED = [
  "How do I speed up this query?\n\n```sql\n{q}\n```\n\nIt runs on Postgres 15.",
  "Here is the query the report uses:\n```\n{q}\n```\nThe totals look off by one day.",
  "```sql\n{q}\n```",
];
const QUOTED_BODIES: Array<(p: string) => [string, string]> = [
  (p) => ["body:json", JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: p }] })],
  (p) => ["body:json", JSON.stringify({ title: "Slow report query", body: p, labels: ["question"] })],
  (p) => ["body:form", `comment=${encodeURIComponent(p)}&post_id=8812`],
];
// Parameterized queries, as developers quote them when they discuss drivers and ORMs.
const PARAMETERIZED = [
  "SELECT * FROM users WHERE id = ?",
  "SELECT id, email FROM accounts WHERE org_id = $1 AND deleted_at IS NULL",
  "SELECT name, price FROM products WHERE category = :category ORDER BY price LIMIT :limit",
  "SELECT COUNT(*) FROM orders WHERE customer_id = @customerId AND status = @status",
];
const quotedAsCode = (queries: string[]) => queries.flatMap((q) => [
  ...(q.includes("`") ? [] : CODE_FRAMES_INLINE.map((f) => f.replace("{q}", q))),
  ...CODE_FRAMES_FENCED.map((f) => f.replace("{q}", q)),
]).flatMap((p) => QUOTED_BODIES.map((b) => b(p)));
// Injections beside such spans: these stay flagged.
const CODE_INJECTED = [
  "`SELECT status, COUNT(*) FROM tickets GROUP BY status` ' OR '1'='1",
  "`SELECT status, COUNT(*) FROM tickets GROUP BY status`; DROP TABLE users; --",
  "1 UNION SELECT username, password FROM users -- `SELECT id, title FROM posts`",
  "x' AND SLEEP(5) AND 'a'='a ```sql\nSELECT * FROM orders\n```",
];

// Schemas as text-to-SQL prompts carry them (`Only use the following tables:` and a dump of SQLite's,
// Postgres' or MySQL's DDL), alone or as a schema registry's field. Their lines define and act on
// nothing (core/sqlschema.ts). Written anew on a made-up ticketing schema.
const SCHEMA_TABLES: Array<[string, string[]]> = [
  ["users", ["id", "name", "email", "created_at", "updated_at"]], ["tickets", ["id", "title", "user_id", "status", "body", "created_at"]],
  ["comments", ["id", "content", "user_id", "ticket_id", "created_at"]], ["orders", ["id", "customer_id", "total", "status", "placed_at"]],
];
function schemaDump(style: string, tables: number[]): string {
  const ty = (c: string) => c === "id" ? (style === "mysql" ? "int NOT NULL AUTO_INCREMENT" : "INTEGER NOT NULL") : c.endsWith("_id") ? (style === "pg" ? "bigint" : "INTEGER NULL") :
    c.endsWith("_at") ? (style === "sqlite" ? "datetime(6) NOT NULL" : style === "pg" ? "timestamp without time zone NOT NULL" : "datetime NOT NULL") :
    c === "total" ? "numeric(10,2)" : c === "status" ? "integer DEFAULT 0" : style === "mysql" ? "varchar(255) DEFAULT NULL" : "varchar NULL";
  const q = (c: string) => style === "mysql" ? "`" + c + "`" : c;
  return tables.map((k) => {
    const [t, cols] = SCHEMA_TABLES[k];
    const close = style === "mysql" ? ",\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;" : "\n);";
    return `CREATE TABLE ${style === "pg" ? "public." + t : q(t)} (\n${cols.map((c) => `  ${q(c)} ${ty(c)}`).join(",\n")}${close}`;
  }).join("\n");
}
const SCHEMAS = ["sqlite", "pg", "mysql"].flatMap((style) => [[0], [0, 1], [1, 2], [0, 1, 2], [3, 0], [2, 3, 1]].map((t) => schemaDump(style, t)));
const SCHEMA_BODIES: Array<(d: string) => [string, string]> = [
  (d) => ["body:json", JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "system", content: d }, { role: "user", content: "Question: how many?" }] })],
  (d) => ["body:json", JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "system", content: `Given an input question, create a syntactically correct query.\nOnly use the following tables:\n${d}\n\nQuestion: how many tickets are open?` }] })],
  (d) => ["body:json", JSON.stringify({ schema: d, dialect: "sql" })],
];

const LLM_BODIES: Array<(p: string) => unknown> = [
  (p) => ({ model: "gpt-4o-mini", messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: p }], temperature: 0.7, stop: ["\nObservation:"] }),
  (p) => ({ model: "claude-3-5-sonnet-20241022", max_tokens: 1024, messages: [{ role: "user", content: [{ type: "text", text: p }] }] }),
  (p) => ({ contents: [{ role: "user", parts: [{ text: p }] }], generationConfig: { temperature: 0.2 } }),
];

async function main(): Promise<void> {
  const core = await loadCore();
  const threshold = Number(core.configDefault("threshold"));
  const count = (parts: Array<[string, string]>) => parts.filter(([w, t]) => core.scoreParts([[w, t]]).score <= threshold).length;
  const line = (what: string, flagged: number, n: number) => console.log(`${what}: ${flagged} of ${n} flagged at ${threshold} (${((100 * flagged) / n).toFixed(1)}%)`);

  const links = SITES.flatMap((s) => URLS(s)).flatMap((u) => URL_KEYS.flatMap((k) => [`${k}=${u}`, `${k}=${encodeURIComponent(u)}`])).map((q) => ["query", q] as [string, string]);
  line("share counters' and link checkers' URLs (a site alone)", count(links), links.length);
  const tricks = REDIRECTS.flatMap((r) => URL_KEYS.map((k) => ["query", `${k}=${encodeURIComponent(r)}`] as [string, string]));
  line("  redirect tricks in the same parameters (should be flagged)", count(tricks), tricks.length);

  const templates = TEMPLATES.flatMap((t) => TEMPLATE_BODIES.map((b) => b(t)));
  line("templates posted to template APIs (names and their members)", count(templates), templates.length);
  const injected = INJECTED.flatMap((t) => TEMPLATE_BODIES.map((b) => b(t)));
  line("  injected templates in the same bodies (should be flagged)", count(injected), injected.length);

  const llm = PROMPTS.flatMap((p) => LLM_BODIES.map((b) => ["body:json", JSON.stringify(b(p))] as [string, string]));
  line("hosted LLMs' request bodies (public prompt templates)", count(llm), llm.length);
  const tools = TOOL_BODIES.map((b) => ["body:json", JSON.stringify(b)] as [string, string]);
  line("LLM tool calls and traces (quoted choices, printed roles, templates, prompts' XML tags)", count(tools), tools.length);
  const toolsInjected = TOOL_INJECTED.map((b) => ["body:json", JSON.stringify(b)] as [string, string]);
  line("  payloads in the same bodies (should be flagged)", count(toolsInjected), toolsInjected.length);
  const queries = QUERIES.flatMap((q) => QUERY_BODIES.map((b) => b(q)));
  line("SQL-over-HTTP APIs', BI tools' and SQL agents' queries (a whole query as the value)", count(queries), queries.length);
  const toolArgs = QUERIES.map((q) => ["body:json", JSON.stringify({ model: "gpt-4o", messages: [{ role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "sql_db_query", arguments: JSON.stringify({ query: q }) } }] }] })] as [string, string]);
  line("  the same queries in an OpenAI tool call's arguments (JSON in a JSON string, split as the application parses it again)", count(toolArgs), toolArgs.length);
  const queriesInjected = QUERY_INJECTED.flatMap((q) => QUERY_BODIES.map((b) => b(q)));
  line("  injections that open with SELECT in the same bodies (should be flagged)", count(queriesInjected), queriesInjected.length);
  const plainQueries = QUERIES.filter((q) => !/INFORMATION_SCHEMA/.test(q));
  const quoted = quotedAsCode([...plainQueries, ...PARAMETERIZED]);
  line("the same queries quoted as code in prose (inline spans, Markdown fences) in chats, tickets and comments", count(quoted), quoted.length);
  const quotedInjected = CODE_INJECTED.flatMap((p) => QUOTED_BODIES.map((b) => b(p)));
  line("  injections beside such spans in the same bodies (should be flagged)", count(quotedInjected), quotedInjected.length);
  // An injection's text quoted as code in a question is ambiguous (a question about it, or a payload
  // in a comment field): the span is not a plain query, so the rule leaves it to the model as before.
  const quotedPayloads = QUERY_INJECTED.flatMap((q) => [CODE_FRAMES_INLINE[0].replace("{q}", q), CODE_FRAMES_FENCED[0].replace("{q}", q)]).flatMap((p) => QUOTED_BODIES.map((b) => b(p)));
  line("  injections' text itself quoted as code in the same questions (the model's call, as before the rule)", count(quotedPayloads), quotedPayloads.length);
  const schemas = SCHEMAS.flatMap((d) => SCHEMA_BODIES.map((b) => b(d)));
  line("schemas (CREATE TABLE dumps) in text-to-SQL prompts and schema fields", count(schemas), schemas.length);
  const code = CODE_BODIES.map((b) => ["body:json", JSON.stringify(b)] as [string, string]);
  line("code completion and coding agents' tool calls (code by construction: a route policy's case)", count(code), code.length);
}

await main();
