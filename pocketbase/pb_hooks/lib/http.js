// Request-level answers of sync protocol v1: a status and a JSON body {code, message}.

function fail(e, status, message) {
	return e.json(status, { code: status, message: message });
}

/** The signed-in user or superuser, or null (no token, a bad one, or an expired one). */
function authOf(e) {
	return e.auth || null;
}

module.exports = { fail, authOf };
