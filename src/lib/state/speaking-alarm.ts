/**
 * The time-up signal: three beeps synthesised with the Web Audio API (no audio file, so it works
 * offline) and a vibration where the device has one. Browsers let audio start only after a tap:
 * `prime()` is called from the tap that starts a turn.
 */
type AudioCtor = typeof AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
	if (context) return context;
	const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as AudioCtor | undefined;
	if (!Ctor) return null;
	try {
		context = new Ctor();
	} catch {
		return null;
	}
	return context;
}

/** Unlocks audio during a user's tap. */
export function primeAlarm(): void {
	const ctx = audio();
	if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => {});
}

/** Beeps three times and vibrates; silently does nothing where neither exists. */
export function soundAlarm(): void {
	const ctx = audio();
	if (ctx) {
		if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
		const t0 = ctx.currentTime + 0.05;
		for (let i = 0; i < 3; i++) {
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.type = 'square';
			osc.frequency.value = 880;
			const t = t0 + i * 0.45;
			gain.gain.setValueAtTime(0.0001, t);
			gain.gain.exponentialRampToValueAtTime(0.4, t + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
			osc.connect(gain).connect(ctx.destination);
			osc.start(t);
			osc.stop(t + 0.32);
		}
	}
	if (typeof navigator.vibrate === 'function') navigator.vibrate([300, 150, 300, 150, 300]);
}
