/** Progress lines for long steps (host installs, n8n start). Written straight to stderr so they show
 *  while jest runs, instead of being buffered like console output. Silence with N8N_E2E_QUIET=1.
 *  A program that prints its own lines (the `npm start` demo) takes them with setProgressSink. */
let sink: ((message: string) => void) | undefined;

export function setProgressSink(next: ((message: string) => void) | undefined): void {
	sink = next;
}

export function progress(message: string): void {
	if (sink) return sink(message);
	if (process.env.N8N_E2E_QUIET === '1') return;
	const time = new Date().toISOString().slice(11, 19);
	process.stderr.write(`[n8n-e2e ${time}] ${message}\n`);
}

export function seconds(sinceMs: number): string {
	return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}
