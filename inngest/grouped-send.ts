// Group commit for events sent from request handlers (issue 10 item 4). Each
// send is one HTTP request to the engine, and under a burst of webhooks that
// request, not the event, was most of what a send cost the app. So events that
// arrive while a send is in flight wait for it and then go together, in arrival
// order, as one send; a lone event goes at once (no timer, no added latency
// when the app is quiet). Each caller still resolves only once the engine has
// its event, with that event's id.

interface Waiting<E> {
  event: E;
  resolve: (sent: { ids: string[] }) => void;
  reject: (error: unknown) => void;
}

export function groupedSend<E>(
  sendMany: (events: E[]) => Promise<{ ids: string[] }>,
  options: { maxEvents?: number } = {},
): (event: E) => Promise<{ ids: string[] }> {
  const maxEvents = options.maxEvents ?? 50;
  const waiting: Waiting<E>[] = [];
  let sending = false;

  async function sendGroup(group: Waiting<E>[]): Promise<void> {
    try {
      const { ids } = await sendMany(group.map((member) => member.event));
      if (ids.length !== group.length) throw new Error(`The engine answered ${ids.length} event ids for ${group.length} events`);
      group.forEach((member, i) => member.resolve({ ids: [ids[i]] }));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      // One event may be what the engine refused: each is sent alone (side by
      // side, so an engine that is down fails them all as fast as one), and
      // only the refused one fails.
      await Promise.all(group.map((member) => sendGroup([member])));
    }
  }

  async function sendWaiting(): Promise<void> {
    if (sending) return;
    sending = true;
    try {
      while (waiting.length > 0) await sendGroup(waiting.splice(0, maxEvents));
    } finally {
      sending = false;
    }
  }

  return (event) =>
    new Promise((resolve, reject) => {
      waiting.push({ event, resolve, reject });
      void sendWaiting();
    });
}
