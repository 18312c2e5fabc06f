// Where a user lands after signing in when no page sent them to the sign-in page: each role's own start page.

/**
 * The start page of a role: the counter console for clerks, the ops dashboard for ops, the boarding scanner for
 * supervisors, else the passenger search.
 */
export function landingFor(role) {
  return { clerk: "/counter.html", ops: "/ops/", supervisor: "/staff/scan.html" }[role] ?? "/";
}
