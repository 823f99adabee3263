// The words for the choices of the claim forms, without zod: the browser's forms import these,
// and importing them from the schemas' modules put all of zod into the article page's script.
export const SOURCE_KINDS = ["PRIMARY_DATA", "OFFICIAL_RECORD", "ACADEMIC", "NEWS_REPORT", "EXPERT", "OTHER"] as const;
export const SOURCE_STANCES = ["SUPPORTS", "REFUTES", "CONTEXT"] as const;

export const SOURCE_KIND_LABELS: Record<(typeof SOURCE_KINDS)[number], string> = {
  PRIMARY_DATA: "Primary data",
  OFFICIAL_RECORD: "Official record",
  ACADEMIC: "Academic",
  NEWS_REPORT: "News report",
  EXPERT: "Expert",
  OTHER: "Other",
};

export const SOURCE_STANCE_LABELS: Record<(typeof SOURCE_STANCES)[number], string> = {
  SUPPORTS: "Supports",
  REFUTES: "Refutes",
  CONTEXT: "Context",
};

export const CONFIDENCE_LABELS: Record<number, string> = { 1: "Low", 2: "Medium", 3: "High" };
