// The page browsers get for an address this site does not have (served with status 404 by NotFoundPage).
import { startPage } from "./page.js";

await startPage();
