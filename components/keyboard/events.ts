// Page-wide events between the keyboard and the components that act on it.

/** ArticleText listens for this: turn the words selected in the text into a claim. */
export const ADD_CLAIM_EVENT = "factdesk:add-claim";

/** Sent by a form that was removed while it held focus; the page decides where focus goes. */
export const FOCUS_LOST_EVENT = "factdesk:focus-lost";
