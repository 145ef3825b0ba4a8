// A browser's request: what Chrome 120 on Windows sends with a same-site link's GET besides
// :authority (its User-Agent, client hints, fetch metadata, a Referer with a query, and cookies
// of the kinds real sites set: Google Analytics, a session and a CSRF token). The bench's
// get_query sends two short headers; real traffic carries these, and every one of them is split,
// checked against its grammar and, when free text, scored. Read by loadtest/profile-filter.ts.
import type { BenchRequest, ScenarioFile } from "./scenarios.ts";

export const BROWSER_HEADERS: Record<string, string> = {
  "sec-ch-ua": '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"',
  "sec-ch-ua-mobile": "?0",
  "sec-ch-ua-platform": '"Windows"',
  "upgrade-insecure-requests": "1",
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
  "sec-fetch-site": "same-origin",
  "sec-fetch-mode": "navigate",
  "sec-fetch-user": "?1",
  "sec-fetch-dest": "document",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-US,en;q=0.9,de;q=0.8",
  "cookie": "_ga=GA1.1.1234567890.1701234567; _ga_ABCDEF1234=GS1.1.1701234567.3.1.1701234999.0.0.0; sessionid=8f2a9c1e4b7d43a6b1c2d3e4f5a6b7c8; csrftoken=Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0L; cart=3",
};

/** A get_query request as a browser sends it: the same path, the browser's headers, a Referer on the same site. */
export function asBrowser(r: BenchRequest): BenchRequest {
  return { ...r, headers: { ...BROWSER_HEADERS, referer: `https://shop.example.com${r.path}` } };
}

/** A scenario's requests: those of scenarios.json, and get_browser's, made from get_query's here. */
export function scenarioRequests(file: ScenarioFile, name: string): BenchRequest[] {
  return name === "get_browser" ? file.scenarios.get_query.requests.map(asBrowser) : file.scenarios[name].requests;
}
