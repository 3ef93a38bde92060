// Who is signed in, and the reference lists (types, urgency...), loaded once.
import { get } from "./api.js";

export const session = { me: null, catalog: null };

export async function loadSession() {
  const [me, catalog] = await Promise.all([get("/api/v1/me"), get("/api/v1/catalog")]);
  session.me = me;
  session.catalog = catalog;
  return me;
}

export const hasRole = (role) => Boolean(session.me?.user.roles.includes(role));
export const isClerk = () => hasRole("van_thu");
export const isLeader = () => hasRole("lanh_dao");
export const isAdmin = () => hasRole("admin");
export const myId = () => session.me?.user.user_id;
