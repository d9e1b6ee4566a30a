/** An exit has nothing to set: users who reach it leave the journey without converting. */
export function ExitForm() {
  return <p className="panel-note">Users who reach this step leave the journey without converting. There is nothing to set up.</p>;
}
