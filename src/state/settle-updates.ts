/**
 * An element's `updateComplete` that also covers work still on its way whose arrival brings
 * another update (a locale table, a lazy part, the list's next chunk): waits for the update, then,
 * while `pending()` names such work, for that work and the update after it.
 */
export async function settleUpdates(updateComplete: () => Promise<boolean>, pending: () => Promise<unknown> | undefined): Promise<boolean> {
  let done = await updateComplete();
  for (let next = pending(); next; next = pending()) {
    await next;
    done = await updateComplete();
  }
  return done;
}
