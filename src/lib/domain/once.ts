/** A value built on first use and kept: schemas are made when first needed, not at start-up. */
export function once<T>(make: () => T): () => T {
	let value: T | undefined;
	let made = false;
	return () => {
		if (!made) {
			value = make();
			made = true;
		}
		return value as T;
	};
}
