// Calls to the gateway's JSON API. The session lives in an HttpOnly cookie;
// X-Requested-With marks our own requests (the server refuses cookie-authenticated
// changes without it, so another site cannot forge them).

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `Lỗi ${status}`);
    this.status = status;
    this.code = error?.code;
    this.fields = error?.fields || {};
  }
}

let onUnauthenticated = () => {};
export function whenLoggedOut(handler) { onUnauthenticated = handler; }

export async function api(method, path, { body, query } = {}) {
  const url = path + (query ? "?" + new URLSearchParams(clean(query)) : "");
  const headers = { "X-Requested-With": "fetch", Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, { message: "Không kết nối được máy chủ. Kiểm tra mạng và thử lại." });
  }
  if (response.ok && method !== "GET") changed();
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith("/auth/login")) onUnauthenticated();
    throw new ApiError(response.status, data?.error);
  }
  return data;
}

// Something changed on the server (the bell listens, to refresh its count).
const changed = () => window.dispatchEvent(new Event("eoffice:changed"));

export const get = (path, query) => api("GET", path, { query });
export const post = (path, body) => api("POST", path, { body: body ?? {} });
export const patch = (path, body) => api("PATCH", path, { body });
export const del = (path) => api("DELETE", path);

// Upload one file as the raw request body (streamed to S3 by the gateway),
// reporting progress; resolves with the stored attachment.
export function upload(documentId, file, onProgress) {
  return uploadTo(`/api/v1/documents/${encodeURIComponent(documentId)}/attachments`, file, onProgress);
}

// The same, to any upload endpoint (PUT, ?filename=...); resolves with its 201 answer.
export function uploadTo(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const name = encodeURIComponent(file.name.normalize("NFC"));
    xhr.open("PUT", `${path}?filename=${name}`);
    xhr.setRequestHeader("X-Requested-With", "fetch");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const data = JSON.parse(xhr.responseText || "null");
      if (xhr.status === 201) { changed(); resolve(data); }
      else reject(new ApiError(xhr.status, data?.error));
    };
    xhr.onerror = () => reject(new ApiError(0, { message: "Mất kết nối khi tải tệp lên." }));
    xhr.send(file);
  });
}

function clean(query) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== "" && v !== false));
}
