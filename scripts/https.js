/* The dev server's HTTPS: Office loads add-ins only from https URLs, so the server uses the
   localhost certificate of office-addin-dev-certs (under ~/.office-addin-dev-certs). */
const crypto = require("crypto");
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

const DAY_MS = 86_400_000;

function readCertificates() {
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

/** True when the localhost certificate exists and is valid for at least another day. */
function certificateIsFresh() {
  if (![defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath].every((p) => fs.existsSync(p))) return false;
  const cert = new crypto.X509Certificate(fs.readFileSync(defaults.localhostCertificatePath));
  return Date.parse(cert.validTo) - Date.now() > DAY_MS;
}

/**
 * Where Office runs (Windows, macOS), office-addin-dev-certs creates the certificate and asks to
 * trust its authority, as in Microsoft's templates. Elsewhere that would need sudo and, when it
 * fails, would make a new authority on every start; so the certificate is made once and the
 * browser is left to trust it (`trusted` says whether the system already does).
 */
async function resolveHttps() {
  if (process.platform === "win32" || process.platform === "darwin") {
    return { server: { type: "https", options: await devCerts.getHttpsServerOptions() }, trusted: true };
  }
  try {
    let trusted = false;
    try {
      trusted = devCerts.verifyCertificates();
    } catch {
      trusted = false;
    }
    if (!trusted && !certificateIsFresh()) await devCerts.generateCertificates();
    return { server: { type: "https", options: readCertificates() }, trusted };
  } catch (e) {
    return { server: { type: "http" }, trusted: false, problem: e instanceof Error ? e.message : String(e) };
  }
}

let resolved = null;

/** How the dev server serves: `{ server, trusted, problem? }`, worked out once per process. */
function https() {
  resolved ??= resolveHttps();
  return resolved;
}

module.exports = {
  /** The webpack-dev-server `server` option. */
  httpsOptions: async () => (await https()).server,
  https,
  caCertificatePath: defaults.caCertificatePath,
};
