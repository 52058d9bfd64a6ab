/**
 * The `$filter` subset F&O supports: eq ne gt ge lt le, and or not, grouping;
 * `*` inside an `eq`/`ne` string literal is a wildcard ("contains" is `Name eq '*retail*'`); `''`
 * escapes a quote; enum literals `Microsoft.Dynamics.DataEntities.NoYes'Yes'` (eq/ne only).
 * `has` and `in` are not supported. String comparisons are case-insensitive (SQL collation).
 */
import { EMPTY_DATE, type EntityDef } from './metadata';

export type FilterNode =
	| { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
	| { kind: 'not'; operand: FilterNode }
	| { kind: 'cmp'; op: string; left: Operand; right: Operand };

type Operand =
	{ kind: 'prop'; name: string } | { kind: 'literal'; value: unknown; enumType?: string };

export class FilterError extends Error {
	constructor(
		message: string,
		readonly unknownProperty?: string,
	) {
		super(message);
	}
}

interface Token {
	t: 'str' | 'enum' | 'num' | 'date' | 'word' | '(' | ')';
	v: string;
	enumType?: string;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const readQuoted = (): string => {
		let out = '';
		i++; // opening quote
		for (;;) {
			if (i >= input.length) throw new FilterError('Unterminated string literal in $filter.');
			if (input[i] === "'") {
				if (input[i + 1] === "'") {
					out += "'";
					i += 2;
					continue;
				}
				i++;
				return out;
			}
			out += input[i++];
		}
	};
	while (i < input.length) {
		const c = input[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '(' || c === ')') {
			tokens.push({ t: c, v: c });
			i++;
		} else if (c === "'") {
			tokens.push({ t: 'str', v: readQuoted() });
		} else {
			const m = /^[^\s()']+/.exec(input.slice(i));
			const word = m ? m[0] : c;
			i += word.length;
			if (input[i] === "'" && /^[A-Za-z_][\w.]*$/.test(word)) {
				tokens.push({ t: 'enum', v: readQuoted(), enumType: word });
			} else if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(word)) {
				tokens.push({ t: 'date', v: word });
			} else if (/^-?\d+(\.\d+)?[mMdDlL]?$/.test(word)) {
				tokens.push({ t: 'num', v: word.replace(/[mMdDlL]$/, '') });
			} else {
				tokens.push({ t: 'word', v: word });
			}
		}
	}
	return tokens;
}

export function parseFilter(input: string, def: EntityDef): FilterNode {
	const tokens = tokenize(input);
	let pos = 0;
	const peek = () => tokens[pos];
	const isWord = (w: string) => peek()?.t === 'word' && peek().v.toLowerCase() === w;
	const operand = (): Operand => {
		const tok = tokens[pos++];
		if (!tok) throw new FilterError('Expression expected at the end of $filter.');
		switch (tok.t) {
			case 'str':
				return { kind: 'literal', value: tok.v };
			case 'enum':
				return { kind: 'literal', value: tok.v, enumType: tok.enumType };
			case 'num':
				return { kind: 'literal', value: Number(tok.v) };
			case 'date':
				return { kind: 'literal', value: tok.v };
			case 'word': {
				if (tok.v === 'true' || tok.v === 'false')
					return { kind: 'literal', value: tok.v === 'true' };
				if (tok.v === 'null') return { kind: 'literal', value: null };
				if (!def.byName.has(tok.v)) {
					throw new FilterError(
						`Could not find a property named '${tok.v}' on type '${def.fullTypeName}'.`,
						tok.v,
					);
				}
				return { kind: 'prop', name: tok.v };
			}
			default:
				throw new FilterError(`Syntax error at position ${pos} in '${input}'.`);
		}
	};
	const primary = (): FilterNode => {
		if (peek()?.t === '(') {
			pos++;
			const inner = or();
			if (peek()?.t !== ')')
				throw new FilterError(`')' or operator expected at position ${pos} in '${input}'.`);
			pos++;
			return inner;
		}
		if (isWord('not')) {
			pos++;
			return { kind: 'not', operand: primary() };
		}
		const left = operand();
		const opTok = tokens[pos++];
		const op = opTok?.v.toLowerCase();
		if (!opTok || opTok.t !== 'word' || !COMPARISONS.has(op)) {
			throw new FilterError(
				`Syntax error: '${opTok?.v ?? ''}' is not a supported operator in '${input}'.`,
			);
		}
		return { kind: 'cmp', op, left, right: operand() };
	};
	const and = (): FilterNode => {
		let left = primary();
		while (isWord('and')) {
			pos++;
			left = { kind: 'and', left, right: primary() };
		}
		return left;
	};
	const or = (): FilterNode => {
		let left = and();
		while (isWord('or')) {
			pos++;
			left = { kind: 'or', left, right: and() };
		}
		return left;
	};
	const tree = or();
	if (pos < tokens.length) throw new FilterError(`Syntax error at position ${pos} in '${input}'.`);
	return tree;
}

function wildcardRegex(pattern: string): RegExp {
	const body = pattern
		.split('*')
		.map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`, 'is');
}

function compare(a: unknown, b: unknown, type: string | undefined): number {
	if (type === 'Edm.DateTimeOffset') {
		return Date.parse(String(a ?? EMPTY_DATE)) - Date.parse(String(b ?? EMPTY_DATE));
	}
	if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
	const x = String(a ?? '').toLowerCase();
	const y = String(b ?? '').toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluateFilter(
	node: FilterNode,
	record: Record<string, unknown>,
	def: EntityDef,
): boolean {
	switch (node.kind) {
		case 'and':
			return evaluateFilter(node.left, record, def) && evaluateFilter(node.right, record, def);
		case 'or':
			return evaluateFilter(node.left, record, def) || evaluateFilter(node.right, record, def);
		case 'not':
			return !evaluateFilter(node.operand, record, def);
		case 'cmp': {
			const value = (o: Operand) => (o.kind === 'prop' ? record[o.name] : o.value);
			const propType = [node.left, node.right].find(
				(o): o is { kind: 'prop'; name: string } => o.kind === 'prop',
			);
			const type = propType ? def.byName.get(propType.name)?.type : undefined;
			const left = value(node.left);
			const right = value(node.right);
			if (
				(node.op === 'eq' || node.op === 'ne') &&
				node.right.kind === 'literal' &&
				typeof right === 'string' &&
				right.includes('*') &&
				type === 'Edm.String'
			) {
				const hit = wildcardRegex(right).test(String(left ?? ''));
				return node.op === 'eq' ? hit : !hit;
			}
			const c = compare(left, right, type);
			switch (node.op) {
				case 'eq':
					return c === 0;
				case 'ne':
					return c !== 0;
				case 'gt':
					return c > 0;
				case 'ge':
					return c >= 0;
				case 'lt':
					return c < 0;
				default:
					return c <= 0;
			}
		}
	}
}

/** Whether the filter pins dataAreaId (used nowhere for scoping; cross-company governs that). */
export function filterProperties(node: FilterNode, out = new Set<string>()): Set<string> {
	if (node.kind === 'cmp') {
		for (const o of [node.left, node.right]) if (o.kind === 'prop') out.add(o.name);
	} else if (node.kind === 'not') {
		filterProperties(node.operand, out);
	} else {
		filterProperties(node.left, out);
		filterProperties(node.right, out);
	}
	return out;
}
