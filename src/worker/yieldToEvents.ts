/** In Node a port with a listener keeps the process alive: held (ref) only while a yield waits. */
type NodePort = MessagePort & { ref?: () => void; unref?: () => void };

/** One channel for every yield: a new MessageChannel per step costs a pair of ports each time. */
let channel: { port1: NodePort; port2: MessagePort } | null = null;
const waiting: (() => void)[] = [];

/** Lets queued messages (pause, stop, inspect) run between steps, without setTimeout's 4 ms clamp. */
export function yieldToEvents(): Promise<void> {
  if (!channel) {
    const made = new MessageChannel();
    channel = { port1: made.port1, port2: made.port2 };
    const port1 = channel.port1;
    port1.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) port1.unref?.();
    };
  }
  const { port1, port2 } = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port1.ref?.();
    port2.postMessage(null);
  });
}
