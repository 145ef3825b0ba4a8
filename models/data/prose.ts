// Ordinary sentences shared by the benign generators and the payload padding in attacks_extra.ts.
// One pool for both, so that no sentence is seen only around attacks (the model would learn it
// as an attack word: "the quick brown fox" once scored 19 when it padded attacks alone).

export const PROSE = ['Our spring collection is here, with new colours and sizes.', 'The meeting has moved to Thursday at 3pm; please update your calendars.',
  'Thanks for your order! It will ship within 2 business days.', 'Release notes: fixed a crash when selecting an empty folder & improved start-up time.',
  'Select "Options" and then "Advanced" to change where files are saved.', 'Union members voted to accept the new contract by a wide margin.',
  'Prices drop by 20% for orders over 50 items, while stocks last.', 'The script supervisor keeps track of continuity between takes.',
  'Tip: press Ctrl+Shift+T to reopen a closed tab.', 'Weather alert: heavy rain expected from Monday to Wednesday.', 'Chapter 3 covers joins, grouping and ordering in relational algebra.'];

const PADDING_OWN = ['Great product, arrived on time and works as described.', 'Please find the details of my order below.',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
  'Hi team, I have a question about my last invoice and the shipping address on file.', 'The quick brown fox jumps over the lazy dog.',
  'Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.',
  'I tried resetting my password twice but the email never arrived.', 'Thanks again for the quick response yesterday!',
  'Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.', 'Best regards, and have a nice weekend.'];

/** Benign sentences used to pad payloads, as attackers pad them to dilute a model's view. */
export const PADDING = [...PADDING_OWN, ...PROSE];
