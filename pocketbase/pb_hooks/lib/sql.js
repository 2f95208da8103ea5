// Named SQL parameters for a list of values: returns `{:p0},{:p1},…` and adds the bindings to
// `params`. Used for IN (…) lists and multi-row INSERTs in the sync routes.
function placeholders(prefix, values, params) {
	return values
		.map((value, i) => {
			params[prefix + i] = value;
			return '{:' + prefix + i + '}';
		})
		.join(',');
}

module.exports = { placeholders };
