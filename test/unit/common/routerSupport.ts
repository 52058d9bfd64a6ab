/** A minimal n8n context for the item loop's unit tests: N empty input items and continueOnFail. */
import type { INode } from 'n8n-workflow';

export const node: INode = {
	id: 'n',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export const contextOf = (items: number, continueOnFail = false) =>
	({
		getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
	}) as never;
