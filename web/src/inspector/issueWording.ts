import type { NodeType } from '@waymark/shared';

/**
 * The schema's messages are written for API callers ("expected one of "event", "inactiveFor" or "tagAdded""). A
 * marketer reads them beside a form or in the Problems list, so the ones that name document keys are reworded
 * here, and the rest start with a capital.
 */
const REWORDED: Array<{ type?: NodeType; path?: string; match: RegExp; words: string | ((match: RegExpExecArray) => string) }> = [
  { type: 'trigger', match: /expected one of "event"/, words: 'Choose how users enter: an event, a stretch of silence, or a tag being added.' },
  { type: 'trigger', match: /expected "tagAdded" on its own/, words: 'A tag trigger cannot also wait for an event or for silence.' },
  { type: 'wait', match: /expected either "for" or "until"/, words: 'Wait either for a while or until an event, not both.' },
  { type: 'wait', match: /expected "for" \(a duration\) or "until"/, words: 'Choose how long to wait, or the event to wait for.' },
  { type: 'wait', path: 'timeout', match: /expected a timeout/, words: 'Set how long to wait for the event before giving up, such as 7 days.' },
  { type: 'split', match: /expected a variant id such as/, words: 'Enter a variant id, such as A.' },
  { type: 'split', match: /is reserved for the holdout/, words: '"holdout" names the held-out users; choose another id, such as C.' },
  { type: 'split', match: /variant id "(.*)" is used twice/, words: (m) => `Another variant is called ${m[1]} too; give each its own id.` },
  { type: 'split', match: /expected at least one variant with a weight above 0/, words: 'Give at least one variant a weight above 0.' },
  { type: 'split', match: /expected two variants, or one variant and a holdout/, words: 'Add a second variant, or hold some users out, so there is something to compare.' },
  { type: 'split', match: /expected at least one variant$/, words: 'Add a variant.' },
  { type: 'split', match: /expected a holdout percentage/, words: 'Enter a holdout from 0 to 99%.' },
  { type: 'split', path: 'holdout', match: /Invalid input: expected number/, words: 'Enter the holdout as a number, such as 10.' },
  { type: 'split', match: /expected a weight of zero or more/, words: 'Enter a weight of zero or more.' },
  { type: 'split', match: /Invalid input: expected number/, words: 'Enter the weight as a number, such as 50.' },
  { match: /expected an offer code/, words: 'Enter an offer code, such as WINBACK20.' },
  { match: /expected (an|the goal) event name/, words: 'Enter the name of an event, such as purchase.' },
  { match: /expected a tag name, not an empty string/, words: 'Enter a tag name, such as vip.' },
  { match: /expected a duration such as/, words: 'Enter a whole number of minutes, hours or days, up to 365 days.' },
  { match: /expected a value for "/, words: 'Enter a value to compare with.' },
  { match: /expected a property name/, words: 'Enter the property to check, such as plan or total.' },
  { match: /expected an http\(s\) URL/, words: 'Enter a full web address starting with https:// or http://.' },
  { match: /expected a cost of zero or more/, words: 'Enter a cost of zero or more.' },
  { match: /Invalid input: expected number/, words: 'Enter the cost as a number, such as 2.50.' },
  { match: /expected a cooldown such as/, words: 'Set how long after leaving a user may enter again, such as 30 days.' },
  // Journey checks name the step, which the inspector already shows above the field.
  { type: 'offer', match: /needs the URL of the webhook/, words: 'Enter the address the webhook sends the offer to.' },
  { type: 'offer', match: /^The message of .* cannot be read: (.*)$/s, words: (m) => `The message cannot be read: ${m[1]}` },
];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A schema message as a sentence a marketer can act on. */
export function friendlyIssue(message: string, type?: NodeType, path?: string): string {
  for (const r of REWORDED) {
    if ((r.type && r.type !== type) || (r.path && r.path !== path)) continue;
    const match = r.match.exec(message);
    if (match) return typeof r.words === 'string' ? r.words : r.words(match);
  }
  const sentence = capitalise(message.trim());
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
