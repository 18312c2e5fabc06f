// Keeps a SeatModel equal to the trip grain's over the SignalR hub /hubs/trips (SPEC §6).
//
//  - Watch(tripId, from, to) returns a snapshot; changes that arrive while it is in flight are buffered
//    and applied after it in version order.
//  - seatsChanged is applied only at version == last + 1; a gap or a `resync` message means Watch again.
//  - After an automatic reconnect, Watch again (the server forgot us). While disconnected the map is kept
//    fresh from GET /seats every few seconds; when automatic reconnects give up (or the first connection
//    fails) the status is "offline" and a new connection is tried in the background.
//  - pagehide sends Unwatch and stops; a page restored from the back/forward cache starts again.
import { accessToken, getSeats } from "./api.js";

const POLL_MS = 8000;
/** Automatic reconnects for about half a minute (a frontend restart takes ~10 s), then "offline". */
const RECONNECT_MS = [0, 1000, 2000, 3000, 5000, 5000, 5000, 5000, 5000];
/** After that, a fresh connection attempt this often. */
const RETRY_MS = [2000, 5000, 10000, 15000];

export class TripLive {
  /**
   * @param {import("./seat-state.js").SeatModel} model
   * @param {{tripId: unknown, from: unknown, to: unknown,
   *          onSnapshot: (snapshot: object, changed: Set<string>) => void,
   *          onChanged: (changed: Set<string>) => void,
   *          onStatus: (status: "live" | "reconnecting" | "offline") => void,
   *          onError?: (error: unknown) => void}} options tripId/from/to as the API sent them (the hub binds types)
   */
  constructor(model, options) {
    this.model = model;
    this.options = options;
    this.status = null;
    this.buffer = [];
    this.awaitingSnapshot = false;
    this.watchSeq = 0;
    this.retryCount = 0;
    this.retryTimer = null;
    this.pollTimer = null;
    this.stopped = false;

    const signalR = window.signalR;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/trips", { accessTokenFactory: async () => (await accessToken()) ?? "" })
      .withAutomaticReconnect(RECONNECT_MS)
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.connection.on("seatsChanged", (message) => this.onSeatsChanged(message));
    this.connection.on("resync", (message) => {
      if (!message || String(message.tripId) === this.model.tripId) this.watch();
    });
    this.connection.onreconnecting(() => {
      this.setStatus("reconnecting");
      this.startPolling();
    });
    this.connection.onreconnected(() => this.watch());
    this.connection.onclose(() => {
      if (this.stopped) return;
      this.setStatus("offline");
      this.startPolling();
      this.scheduleRestart();
    });

    window.addEventListener("pagehide", () => this.stop());
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) this.start();
    });
    window.addEventListener("online", () => {
      if (this.connection.state === signalR.HubConnectionState.Disconnected) this.restartNow();
    });
  }

  async start() {
    this.stopped = false;
    // While offline, background retries keep showing "offline" until one succeeds.
    if (this.status !== "offline") this.setStatus("reconnecting");
    try {
      await this.connection.start();
      this.retryCount = 0;
      await this.watch();
    } catch (error) {
      this.options.onError?.(error);
      if (this.stopped) return;
      this.setStatus("offline");
      if (!this.model.ready) await this.poll();
      this.startPolling();
      this.scheduleRestart();
    }
  }

  /** Unwatch and disconnect (page leaving). */
  stop() {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.stopPolling();
    if (this.connection.state === window.signalR.HubConnectionState.Connected) {
      // Fire and forget: the page is going away and cannot wait for an answer.
      this.connection.send("Unwatch", this.options.tripId).catch(() => {});
    }
    this.connection.stop().catch(() => {});
  }

  /** Replaces the model with a fresh snapshot: over the hub when connected, else over HTTP. */
  async refresh() {
    if (this.connection.state === window.signalR.HubConnectionState.Connected) await this.watch();
    else await this.poll();
  }

  async watch() {
    const seq = ++this.watchSeq;
    this.awaitingSnapshot = true;
    try {
      const { tripId, from, to } = this.options;
      const snapshot = await this.connection.invoke("Watch", tripId, from, to);
      if (seq !== this.watchSeq) return;
      const changed = this.model.applySnapshot(snapshot);
      this.awaitingSnapshot = false;
      this.options.onSnapshot(snapshot, changed);
      this.drainBuffer();
      this.stopPolling();
      this.setStatus("live");
    } catch (error) {
      if (seq !== this.watchSeq) return;
      this.awaitingSnapshot = false;
      this.buffer = [];
      this.options.onError?.(error);
      // The connection is up but Watch failed (e.g. the frontend restarts its trip subscription):
      // show what HTTP says and try again shortly.
      this.setStatus("reconnecting");
      await this.poll();
      window.setTimeout(() => {
        if (!this.stopped && seq === this.watchSeq) this.watch();
      }, RETRY_MS[Math.min(this.retryCount++, RETRY_MS.length - 1)]);
    }
  }

  onSeatsChanged(message) {
    if (!message || String(message.tripId) !== this.model.tripId) return;
    if (this.awaitingSnapshot) {
      this.buffer.push(message);
      return;
    }
    const { result, changed } = this.model.offer(message);
    if (result === "gap") this.watch();
    else if (result === "applied") this.options.onChanged(changed);
  }

  drainBuffer() {
    const pending = this.buffer.sort((a, b) => Number(a.version) - Number(b.version));
    this.buffer = [];
    const changed = new Set();
    for (const message of pending) {
      const { result, changed: some } = this.model.offer(message);
      if (result === "gap") {
        if (changed.size) this.options.onChanged(changed);
        this.watch();
        return;
      }
      for (const seat of some) changed.add(seat);
    }
    if (changed.size) this.options.onChanged(changed);
  }

  async poll() {
    try {
      const { tripId, from, to } = this.options;
      // At least the version on screen: a replica behind it waits briefly or hands the read to the trip grain.
      const snapshot = await getSeats(tripId, from, to, this.model.ready ? this.model.version : 0);
      // A live snapshot may have overtaken this request.
      if (this.model.ready && Number(snapshot.version) < this.model.version) return;
      const changed = this.model.applySnapshot(snapshot);
      this.options.onSnapshot(snapshot, changed);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  startPolling() {
    if (this.pollTimer || this.stopped) return;
    this.pollTimer = window.setInterval(() => this.poll(), POLL_MS);
  }

  stopPolling() {
    window.clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  scheduleRestart() {
    window.clearTimeout(this.retryTimer);
    const delay = RETRY_MS[Math.min(this.retryCount++, RETRY_MS.length - 1)];
    this.retryTimer = window.setTimeout(() => this.restartNow(), delay);
  }

  restartNow() {
    window.clearTimeout(this.retryTimer);
    if (this.stopped || this.connection.state !== window.signalR.HubConnectionState.Disconnected) return;
    this.start();
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus(status);
  }
}
