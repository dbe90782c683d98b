// Eleventy imports .eleventy.ts with Node's own loader, so in-process builds need tsx registered, as the
// `newsdesk` bin does.
import { register } from "tsx/esm/api";

register();
