import { redirect } from "next/navigation";

/** The account's only screen so far is its API tokens. */
export default function AccountPage() {
  redirect("/account/tokens");
}
