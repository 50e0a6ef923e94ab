// Verify one credential with two outside verifiers, offline and fail-closed (docs/credentials.md):
// Digital Bazaar's @digitalbazaar/vc (+ vc-bitstring-status-list, eddsa-rdfc-2022) and the
// Digital Credentials Consortium's @digitalcredentials/verifier-core.
//
// stdin: {"credential": {...}, "documents": {"<https URL>": {...}}, "contexts": {"<URL>": "<file>"},
//         "schemas": {"<URL>": "<file>"}}
// "documents" are the issuer's published documents the test fetched from the project (its DID
// document at the https URL did:web resolves to, and its status lists). Nothing else is loaded:
// contexts come from the files named in "contexts" (the project's vendored copies) and from the
// contexts the verifier packages bundle; any other URL, DID or fetch is refused.
// stdout: {"digitalbazaar": {"valid": bool, ...}, "dcc": {"valid": bool, ...}}

import {readFileSync} from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const {credential, documents = {}, contexts = {}, schemas = {}} = input;
const loaded = [];
const refused = [];

function fromFiles(map) {
  return Object.fromEntries(
    Object.entries(map).map(([url, file]) => [url, JSON.parse(readFileSync(file, 'utf8'))]));
}
const contextDocuments = fromFiles(contexts);
const schemaDocuments = fromFiles(schemas);

// did:web (https://w3c-ccg.github.io/did-method-web/): did:web:host%3Aport[:path...] resolves to
// https://host:port/.well-known/did.json (or https://host:port/path.../did.json).
function didWebUrl(did) {
  const [, , ...parts] = did.split(':');
  const [host, ...path] = parts.map(decodeURIComponent);
  return path.length ? `https://${host}/${path.join('/')}/did.json` :
    `https://${host}/.well-known/did.json`;
}

function refuse(url) {
  refused.push(url);
  throw new Error(`NotFoundError: offline verifier refuses ${url}`);
}

// The documents a verifier may fetch: the issuer's and, for the DCC's schema check, the schema.
function published(url) {
  if(Object.hasOwn(documents, url)) {
    loaded.push(url);
    return documents[url];
  }
  if(Object.hasOwn(schemaDocuments, url)) {
    return schemaDocuments[url];
  }
  return refuse(url);
}

// Digital Bazaar: a document loader built from the project's vendored contexts and an
// in-process did:web resolver; nothing else.
const contextMap = new Map(Object.entries(contextDocuments));

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

function digitalBazaarLoader() {
  return async url => {
    if(contextMap.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contextMap.get(url)};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const didDocument = published(didWebUrl(did));
      if(didDocument.id !== did) {
        return refuse(url);
      }
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: didDocument};
      }
      const method = (didDocument.verificationMethod || []).find(vm => vm.id === url);
      if(!method) {
        return refuse(url);
      }
      // Dereferencing a DID URL gives the verification method node, with its context.
      return {
        contextUrl: null, documentUrl: url, document: {'@context': MULTIKEY_V1, ...method}
      };
    }
    if(url.startsWith('https://') || url.startsWith('http://')) {
      return {contextUrl: null, documentUrl: url, document: published(url)};
    }
    return refuse(url);
  };
}

function errorText(error) {
  if(!error) {
    return null;
  }
  const nested = error.errors ? error.errors.map(errorText).join('; ') : '';
  return [error.message, nested].filter(Boolean).join(': ');
}

async function digitalBazaar() {
  const vc = await import('@digitalbazaar/vc');
  const {DataIntegrityProof} = await import('@digitalbazaar/data-integrity');
  const {cryptosuite} = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
  const {checkStatus} = await import('@digitalbazaar/vc-bitstring-status-list');
  const suite = new DataIntegrityProof({cryptosuite});
  const documentLoader = digitalBazaarLoader();
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  // `verified` says the proof, dates and status lists checked out; a set status bit (revoked,
  // suspended) is reported as `status: true` in the status results.
  const statuses = (result.statusResult?.results || []).map(entry => ({
    purpose: entry.credentialStatus?.statusPurpose,
    set: entry.status,
  }));
  const valid = result.verified === true && statuses.every(entry => entry.set === false);
  return {
    valid,
    verified: result.verified,
    statuses,
    error: errorText(result.error) || errorText(result.statusResult?.error),
  };
}

// The Consortium's verifier builds its own loader (bundled contexts plus did:web and https over
// `fetch`) and takes no loader from its caller, so `fetch` is what answers offline here.
function offlineFetch(resource) {
  const url = typeof resource === 'string' ? resource : resource.url ?? String(resource);
  let body;
  try {
    body = published(url);
  } catch(error) {
    return Promise.reject(new TypeError(error.message));
  }
  return Promise.resolve(new Response(JSON.stringify(body), {
    status: 200, headers: {'content-type': 'application/json'}
  }));
}

async function consortium() {
  globalThis.fetch = offlineFetch;
  const {verifyCredential} = await import('@digitalcredentials/verifier-core');
  const result = await verifyCredential({credential, knownDIDRegistries: []});
  const log = Object.fromEntries((result.log || []).map(step => [step.id, step]));
  // `registered_issuer` asks whether a trust registry lists the issuer: a policy question the
  // test does not put (no registry is consulted offline); validity is the other three steps.
  const steps = ['valid_signature', 'expiration', 'revocation_status'];
  const valid = !result.errors && steps.every(id => log[id]?.valid === true);
  return {
    valid,
    steps: Object.fromEntries(steps.map(id => [id, log[id]?.valid ?? log[id]?.error ?? null])),
    errors: (result.errors || []).map(error => `${error.name}: ${error.message}`),
    schema: result.additionalInformation?.find(info => info.id === 'schema_check')?.results,
  };
}

async function guarded(verify) {
  try {
    return await verify();
  } catch(error) {
    return {valid: false, error: errorText(error)};
  }
}

const output = {
  digitalbazaar: await guarded(digitalBazaar),
  dcc: await guarded(consortium),
  loaded,
  refused,
};
process.stdout.write(JSON.stringify(output));
