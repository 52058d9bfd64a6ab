/** Behaviour switches of the F&O + Entra sandbox; read and changed through `GET/PUT /d365/switches`. */

export interface D365Switches {
	/** The service user's default company: reads without cross-company see only it. */
	defaultCompany: string;
	/** Server-driven page size (F&O: at most 10,000). */
	pageSize: number;
	/**
	 * Number sequences that allow manual numbers (supplying SalesOrderNumber needs a sequence that
	 * allows it; for CustomerAccount it depends on the F&O version).
	 * false: a supplied number is refused; true: a supplied number is used, an omitted one generated.
	 */
	manualNumbers: { SalesOrderNumber: boolean; CustomerAccount: boolean };
	/** Requests allowed per window before 429 + Retry-After; null = unlimited. */
	requestBudget: number | null;
	budgetWindowSeconds: number;
	/** Retry-After seconds for budget 429s (the docs' example is 60). */
	retryAfterSeconds: number;
	/** Status of write failures (AxODataWriteException): 400 in 2026 logs, 500 in older captures. */
	writeErrorStatus: 400 | 500;
	/** Keyed GET/PATCH/DELETE on a non-default company without cross-company=true (unverified). */
	keyedAccessAcrossCompanies: boolean;
	/** `$1` Content-ID references inside a changeset (standard OData; unconfirmed for F&O). */
	contentIdReferences: boolean;
	/** Sales lines fail with "Inventory dimension Site is mandatory…" when no site resolves. */
	requireShippingSite: boolean;
	/** Entra `expires_in` for new tokens (default 3599, as Entra answers). */
	expiresIn: number;
	/** Client ids registered in F&O's "Microsoft Entra applications"; null = the sandbox app only. */
	registeredClientIds: string[] | null;
	/**
	 * Milliseconds F&O spends per record a request writes (each POST/PATCH/DELETE, batch parts
	 * included) before the answer: F&O takes seconds per sales order line (a 9-line order has been
	 * seen at ~37 s). The write is applied only when the time has passed, so it stays invisible to
	 * lookups until then, and lands even when the client has given up before. Tests use a scaled
	 * value (a few ms); 0 = answer at once.
	 */
	lineLatencyMs: number;
	/**
	 * F&O's own pricing (pricing.ts): the automatic charge F&O adds to a sales order header it
	 * creates unless SkipCreateAutoCharges is Yes, and the trade-agreement discount percentages it
	 * puts on lines and header unless the percentages are sent. 0 = none (the default).
	 */
	autoChargeAmount: number;
	tradeAgreementLineDiscountPercentage: number;
	tradeAgreementMultilineDiscountPercentage: number;
	tradeAgreementTotalDiscountPercentage: number;
	/**
	 * F&O's sales tax calculation method (tax.ts): `line` (default) rounds each code's tax on each
	 * line; `total` rounds each code once over the order. Which one a company uses is its setup.
	 */
	salesTaxCalculation: 'line' | 'total';
	/**
	 * Whether a sales order header read back has its totals calculated (unverified for OData reads
	 * right after a write): false answers AreTotalsCalculated = No with the totals at 0.
	 */
	totalsCalculated: boolean;
	/**
	 * Packing-slip lines carry the order line's lot id in InventTransId (CustPackingSlipTransBiEntities
	 * .InventTransId = SalesOrderLines.InventoryLotId). UNVERIFIED (inferred from the EDT names): false
	 * writes another id there, so only SalesId + LineNum = LineNumber links a slip line to its order line.
	 */
	packingSlipInventTransIdIsLotId: boolean;
	/**
	 * A packing-slip version's CustPackingSlipJour is the BI header's SourceKey (the journal's RecId).
	 * UNVERIFIED (inferred from the BI-entity naming): false writes another RecId there, so only
	 * InternalPackingSlipId links a version to its slip.
	 */
	packingSlipVersionJourIsSourceKey: boolean;
	/**
	 * The ReturnOrderLines property that links a return line to the sales line it returns (the
	 * original SalesOrderLines.InventoryLotId). UNVERIFIED: both ReturningInventoryLotId and
	 * ReferenceInventoryLotId are on the entity and no source says which F&O reads; the one named
	 * here must be a lot of a sales line of the same item, the other is stored unchecked.
	 */
	returnLineLinkField: 'ReturningInventoryLotId' | 'ReferenceInventoryLotId';
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
		lineLatencyMs: 0,
		autoChargeAmount: 0,
		tradeAgreementLineDiscountPercentage: 0,
		tradeAgreementMultilineDiscountPercentage: 0,
		tradeAgreementTotalDiscountPercentage: 0,
		salesTaxCalculation: 'line',
		totalsCalculated: true,
		packingSlipInventTransIdIsLotId: true,
		packingSlipVersionJourIsSourceKey: true,
		returnLineLinkField: 'ReturningInventoryLotId',
	};
}
