// Dates as a newsroom writes them, always in UTC so server and browser agree.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (date: Date | null | undefined) => (date ? dateFormat.format(date) : "");
export const formatDateTime = (date: Date) => `${dateTimeFormat.format(date)} UTC`;
export const toDateInput = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : "");
