/** Behaviour switches of the F&O + Entra sandbox; read and changed through `GET/PUT /d365/switches`. */

export interface D365Switches {
	/** The service user's default company (d365-odata.md §1.1, §2.2): reads without cross-company see only it. */
	defaultCompany: string;
	/** Server-driven page size (F&O: at most 10,000, d365-odata.md §2.2). */
	pageSize: number;
	/**
	 * Number sequences that allow manual numbers (d365-odata.md §4 "Number sequences": supplying
	 * SalesOrderNumber needs a sequence that allows it; CustomerAccount is version dependent, §3).
	 * false: a supplied number is refused; true: a supplied number is used, an omitted one generated.
	 */
	manualNumbers: { SalesOrderNumber: boolean; CustomerAccount: boolean };
	/** Requests allowed per window before 429 + Retry-After (d365-odata.md §6); null = unlimited. */
	requestBudget: number | null;
	budgetWindowSeconds: number;
	/** Retry-After seconds for budget 429s (the docs' example is 60). */
	retryAfterSeconds: number;
	/** Status of write failures (AxODataWriteException): 400 in 2026 logs, 500 in older captures (§4). */
	writeErrorStatus: 400 | 500;
	/** Keyed GET/PATCH/DELETE on a non-default company without cross-company=true (unverified, §2.2). */
	keyedAccessAcrossCompanies: boolean;
	/** `$1` Content-ID references inside a changeset (standard OData; unconfirmed for F&O, §5). */
	contentIdReferences: boolean;
	/** Sales lines fail with "Inventory dimension Site is mandatory…" when no site resolves (§4, §8.5). */
	requireShippingSite: boolean;
	/** Entra `expires_in` for new tokens (default 3599, d365-odata.md §1.1). */
	expiresIn: number;
	/** Client ids registered in F&O's "Microsoft Entra applications" (§1.1); null = the sandbox app only. */
	registeredClientIds: string[] | null;
}

export function defaultSwitches(): D365Switches {
	return {
		defaultCompany: 'usmf',
		pageSize: 10000,
		manualNumbers: { SalesOrderNumber: false, CustomerAccount: false },
		requestBudget: null,
		budgetWindowSeconds: 300,
		retryAfterSeconds: 60,
		writeErrorStatus: 400,
		keyedAccessAcrossCompanies: false,
		contentIdReferences: false,
		requireShippingSite: false,
		expiresIn: 3599,
		registeredClientIds: null,
	};
}
