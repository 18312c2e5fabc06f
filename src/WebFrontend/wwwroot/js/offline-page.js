// The page the service worker shows when a page outside the offline shell (search, seat map, booking) cannot load:
// it says so plainly and leads to the saved tickets, instead of showing a stale copy of live data.
import { startPage } from "./page.js";

await startPage();
