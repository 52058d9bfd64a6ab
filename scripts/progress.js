// What `npm start` and `npm test` print while they work: a step that runs longer than 10 s gets a
// "still working" line at least every 10 s, so a newcomer never watches a silent terminal and
// wonders whether it hangs. `runStep` runs a command as one such step; `watchOutput` passes a
// child's output through and fills its silences the same way until the child says it is ready.
const { spawn, spawnSync } = require('node:child_process');

const QUIET_LIMIT_MS = 10_000;

function clock() {
	return new Date().toISOString().slice(11, 19);
}

/** Prints "… <step>: still working (N s)" whenever nothing was printed for 10 s; touch() on output. */
function heartbeat(step, write = (line) => process.stdout.write(line)) {
	let stepStarted = Date.now();
	let lastOutput = stepStarted;
	let current = step;
	const timer = setInterval(() => {
		if (Date.now() - lastOutput < QUIET_LIMIT_MS) return;
		const elapsed = Math.round((Date.now() - stepStarted) / 1000);
		write(`[${clock()}] … ${current}: still working (${elapsed} s)\n`);
		lastOutput = Date.now();
	}, 1000);
	return {
		touch() {
			lastOutput = Date.now();
		},
		step(next) {
			current = next;
			stepStarted = Date.now();
		},
		stop() {
			clearInterval(timer);
		},
	};
}

/**
 * Runs `command args` as one step: prints `> label`, then the command's output (or nothing, with
 * showOutput false) with heartbeat lines in its silences. Resolves with the exit code.
 */
function runStep(label, command, args, { cwd, showOutput = true } = {}) {
	process.stdout.write(`> ${label}\n`);
	const beat = heartbeat(label);
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		const pass = (stream) => (chunk) => {
			beat.touch();
			if (showOutput || stream === process.stderr) stream.write(chunk);
		};
		child.stdout.on('data', pass(process.stdout));
		child.stderr.on('data', pass(process.stderr));
		child.on('error', (error) => {
			process.stderr.write(`${label}: ${error.message}\n`);
			beat.stop();
			resolve(1);
		});
		child.on('close', (code, signal) => {
			beat.stop();
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

/**
 * Passes a child's output through. A line ending in "…" starts a step; until a line matches
 * `readyLine`, every silence of 10 s gets a heartbeat line naming the step in progress.
 */
function watchOutput(child, readyLine) {
	const beat = heartbeat('starting');
	let ready = false;
	const pass = (stream) => {
		let partial = '';
		return (chunk) => {
			stream.write(chunk);
			if (ready) return;
			beat.touch();
			const lines = (partial + chunk.toString()).split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) {
				const text = line.replace(/^\[\d\d:\d\d:\d\d\] /, '').trim();
				if (text.endsWith('…')) beat.step(text.slice(0, -1));
				if (readyLine.test(line)) {
					ready = true;
					beat.stop();
				}
			}
		};
	};
	child.stdout.on('data', pass(process.stdout));
	child.stderr.on('data', pass(process.stderr));
	child.on('close', () => beat.stop());
}

/**
 * Runs `cmd args` in the foreground (its output straight through, with `env`) and exits this
 * process with the command's status when it fails: the steps of `npm run reliability` and
 * `npm run benchmark`, whose own output already says what they do.
 */
function stepOrExit(cmd, args, env) {
	console.log(`\n> ${cmd} ${args.join(' ')}`);
	const result = spawnSync(cmd, args, { stdio: 'inherit', env });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

module.exports = { heartbeat, runStep, stepOrExit, watchOutput };
