// PURE: the vocabulary of attribution in news copy (speech verbs, titles, parties, the nouns that
// name an unnamed speaker) as the patterns claimant.ts matches quotes and names against.

export const SPEECH = "said|says|told|tells|added|adds|wrote|writes|stated|explained|argued|insisted|noted|continued|warned|recalled|responded|replied|acknowledged|declared|tweeted";
export const TITLE_ABBR = "Rep|Reps|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Capt|Sgt|Rev|Atty";
export const TITLE_WORD = "President|Vice President|Senator|Representative|Governor|Secretary|Speaker|Mayor|Judge|Justice|Ambassador|Chairman|Chairwoman";
export const PARTIES = "Democratic|Republican|Independent|GOP";
export const PARTY = new RegExp(`^(?:${PARTIES})\\s+`, "u");
export const NAME_TOKEN = "\\p{Lu}[\\p{L}’'-]*";
export const NAME_RUN = new RegExp(
  `(?:(?:${PARTIES})\\s+)?(?:(?:${TITLE_ABBR})\\.\\s+|(?:${TITLE_WORD})\\s+)?${NAME_TOKEN}(?:\\s+(?:\\p{Lu}\\.\\s+)?${NAME_TOKEN}){0,4}`,
  "gu",
);
export const LEADING_FUNCTION_WORD = /^(?:The|A|An|One|He|She|They|It|This|That|These|Those|But|And|So|In|On|At|For|After|While|When|Still|Since|If)\s+/u;
export const NOT_A_PERSON = new Set(
  ("House Administration Congress Senate Caucus Party Committee Department College University Times Post News Union Court " +
    "Council Agency Bureau Commission Campaign Voice Institute Foundation Center Office Inc Corp Hemisphere States Nations " +
    "City County Street River North South East West Western Eastern Northern Southern American Americans Democrats " +
    "Republicans CNN Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split(" "),
);
export const PERSON_HEADS = "official|officials|spokesperson|spokesman|spokeswoman|strategist|aide|adviser|advisor|source|lawmaker|senator|congressman|congresswoman|governor|organizer|analyst|economist|expert|member";
export const GROUP_HEADS = "campaign|administration|department|ministry|office|committee|agency|government|group|company";
export const DESCRIPTION = new RegExp(`^(?:the|a|an|one|another)\\s+((?:[\\p{L}’'-]+\\s+){0,4}?)(${PERSON_HEADS}|${GROUP_HEADS})$`, "iu");
export const PRONOUN = /^(?:he|she|they)$/i;
export const POST_INVERTED = new RegExp(`^[\\s,;–—-]*(?:${SPEECH})\\s+([^,;:!?“”"]+)`, "u");
export const POST_NORMAL = new RegExp(`^[\\s,;–—-]*([^,;:!?“”"]{1,80}?)\\s+(?:${SPEECH})\\b`, "u");
export const PRE_SAYING = /^(.*?),?\s+saying(?:\s+in\s+an?\s+(?:statement|interview|post|email))?\s*[:,]?$/u;
export const PRE_INTRO = new RegExp(`^(.*?)\\s+(?:${SPEECH})(?:\\s+[^:,“”"]{1,40})?\\s*[:,]?$`, "u");
export const INDIRECT = new RegExp(`^(?:[^,“”"]{0,60},\\s+)?((?:(?:${PARTIES})\\s+)?(?:(?:${TITLE_ABBR})\\.\\s+)?${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,3})\\s+(?:${SPEECH})\\b`, "u");
export const SAYING_SUBJECT = new RegExp(
  `^(?:(?:[Tt]he|[Aa]n?|[Oo]ne)\\s+)?(?:(?:\\p{Lu}[\\p{L}’'.-]*|top|senior|former|chief|press)\\s+){0,4}(?:${PERSON_HEADS}|${GROUP_HEADS})\\b`,
  "u",
);
export const TITLE_ONLY = new RegExp(`^(?:(?:${TITLE_ABBR})\\.|${TITLE_WORD})$`, "u");
export const PERSON_HEAD_ONLY = new RegExp(`^(?:${PERSON_HEADS})$`, "i");
export const LEADING_NAME = new RegExp(`^(${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,3})\\s+\\p{Ll}`, "u");
// "…, according to X" / "According to X, …": X up to the next clause break.
export const ACCORDING = /\baccording to\s+([^,;:!?“”"]{2,80}?)\s*(?:[,;:!?“”"]|$)/iu;
// "X called it “…”" / "X called the plan “…”": the subject before "called", with a quote after.
export const CALLED = /^(?:[^“”"]{0,80}?\s)?([^,“”"]{1,80}?)\s+called\s+(?:it|them|him|her|this|that|these|those|the\s+[\p{L}\s’'-]{1,30}?)\s*(?:a\s+|an\s+)?[“"]/u;
// Leading titles and parties, dropped from a named claimant: "Democratic Rep. Veronica Escobar" → "Veronica Escobar".
export const LEADING_TITLES = new RegExp(
  `^(?:(?:${PARTIES}|[Ff]ormer|[Ff]irst|[Ss]tate|U\\.S\\.|Chief|Deputy|Acting|Lieutenant)\\s+|(?:${TITLE_ABBR})\\.\\s+|(?:${TITLE_WORD})\\s+)+`,
  "u",
);
