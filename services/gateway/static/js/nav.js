// Navigation between pages (hash routes); going to the current page reloads it.
export function go(path) {
  if (location.hash === "#" + path) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = "#" + path;
}

export function link(path, params) {
  const query = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null && v !== false)).toString() : "";
  return "#" + path + (query ? "?" + query : "");
}
