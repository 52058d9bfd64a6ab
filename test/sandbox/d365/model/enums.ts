/**
 * The F&O enums that the served properties use, each with its members in F&O's order: the first
 * member is the enum's value 0, which F&O reports for a property nobody set. OData JSON carries
 * enum values by member name (`"IsActive": "Yes"`).
 */
export const F_AND_O_ENUMS = {
	DimensionHierarchyType: [
		'AccountStructure',
		'AccountRuleStructure',
		'JournalControlStructure',
		'Focus',
		'Customer',
		'Vendor',
		'Project',
		'FixedAsset',
		'BankAccount',
		'Employee',
		'Item',
		'SingleAttributeStructure',
		'DefaultAccount',
		'FixedAssets_RU',
		'RDeferrals',
		'RCash',
		'Employee_RU',
		'AllAttributeStructure',
		'DataEntityDefaultDimensionFormat',
		'DataEntityLedgerDimensionFormat',
		'DataEntityBudgetDimensionFormat',
		'DataEntityBudgetPlanningDimensionFormat',
		'FinancialReportingDimensionFormat',
		'DerivedDimension',
		'CashFlowForecast',
	],
	EcoResProductSubtype: ['Product', 'ProductMaster', 'ProductVariant'],
	EcoResProductType: ['Item', 'Service'],
	LedgerJournalAcType: [
		'Ledger',
		'Cust',
		'Vend',
		'Project',
		'FixedAssets',
		'Bank',
		'FixedAssets_RU',
		'Employee_RU',
		'RDeferrals',
		'RCash',
	],
	NoYes: ['No', 'Yes'],
	SalesStatus: ['None', 'Backorder', 'Delivered', 'Invoiced', 'Canceled'],
} as const satisfies Record<string, readonly string[]>;

/** The OData namespace of F&O's entity types and enums. */
export const F_AND_O_NAMESPACE = 'Microsoft.Dynamics.DataEntities.';
