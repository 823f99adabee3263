import Link from "next/link";

/**
 * "Inbox" with the number of unread lines (the header reads it fresh on every request). Its name
 * reads "Inbox 3 unread", the visible words first (WCAG 2.5.3).
 */
export function InboxLink({ unread, current = false }: { unread: number; current?: boolean }) {
  return (
    <Link
      href="/inbox"
      prefetch={false}
      aria-current={current ? "page" : undefined}
      className="inline-flex items-center gap-1.5 rounded px-1 hover:underline aria-[current=page]:font-semibold"
    >
      Inbox
      {unread > 0 ? (
        <>
          <span className="min-w-5 rounded-full bg-accent px-1.5 text-center text-xs font-semibold leading-5 text-white">{unread > 99 ? "99+" : unread}</span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
