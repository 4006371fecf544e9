//! The engine's shared vocabulary: statuses, evidence levels, severities, priorities, scopes and
//! component ids. Typed enums so a misspelt status in the catalogue fails to load instead of
//! silently producing a wrong report.

use crate::choice::choice;

choice! {
    /// Who holds the key for a component's data at rest, as far as the answers and the facts tell.
    Status {
        /// The component is not used or not in scope.
        NotApplicable = "not_applicable",
        /// Encrypted at rest under the customer's key.
        CustomerKey = "customer_key",
        /// Unknown answers, or facts that are inferred or unconfirmed: "likely — verify".
        Verify = "verify",
        /// Some of the component's data is under the customer's key and some is not.
        Partial = "partial",
        /// Stays under a Microsoft-managed key.
        MicrosoftKey = "microsoft_key",
        /// Something prevents the customer's key from applying at all.
        Blocked = "blocked",
    }
}

impl Status {
    /// When several rules fire for one component, the most severe status wins: a definite gap
    /// outranks an unknown, and an unknown outranks a claim of coverage. The order of the enum's
    /// variants is that ranking, least severe first.
    pub fn combine(self, other: Status) -> Status {
        self.max(other)
    }

    /// Plain-language label shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotApplicable => "Not applicable",
            Status::CustomerKey => "Customer key",
            Status::Verify => "Verify",
            Status::Partial => "Partial",
            Status::MicrosoftKey => "Microsoft key",
            Status::Blocked => "Blocked",
        }
    }

    /// A text symbol that carries the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NotApplicable => "–",
            Status::CustomerKey => "✔",
            Status::Verify => "?",
            Status::Partial => "◐",
            Status::MicrosoftKey => "✘",
            Status::Blocked => "⛔",
        }
    }
}

choice! {
    /// How strongly the documents support a fact (coverage-facts.md §0).
    Evidence {
        /// A Microsoft Docs source file read in full.
        P = "P",
        /// A Microsoft Learn page seen only in excerpt.
        Px = "Px",
        /// A third-party document quoting Microsoft.
        S = "S",
        /// Keyholder's inference from Microsoft facts.
        I = "I",
    }
}

impl Evidence {
    /// Whether a rule with this evidence may claim a flat "customer key". Inferences and
    /// third-party quotes only ever support "likely — verify".
    pub fn is_authoritative(self) -> bool {
        matches!(self, Evidence::P | Evidence::Px)
    }

    /// Human description.
    pub fn label(self) -> &'static str {
        match self {
            Evidence::P => "Microsoft documentation (read in full)",
            Evidence::Px => "Microsoft Learn page (excerpt)",
            Evidence::S => "third-party source quoting Microsoft",
            Evidence::I => "Keyholder inference from Microsoft documentation",
        }
    }
}

choice! {
    /// How serious a risk or residency finding is.
    Severity { Info = "info", Low = "low", Medium = "medium", High = "high" }
}

choice! {
    /// How soon an action should be done.
    Priority { Low = "low", Medium = "medium", High = "high" }
}

choice! {
    /// What a rule is evaluated over: the whole tenant, or each item of one of the answer lists.
    Scope {
        Tenant = "tenant",
        Environment = "environment",
        FoEnvironment = "fo_environment",
        ScaleUnit = "scale_unit",
        BcEnvironment = "bc_environment",
    }
}

choice! {
    /// A residency finding: a gap, something to verify, or a note the reader should know.
    ResidencyLevel { Note = "note", Verify = "verify", Gap = "gap" }
}

choice! {
    /// The parts of the estate whose key the report accounts for. Within one scope they are
    /// evaluated in this order, so a later component may depend on an earlier one's status
    /// (apps on their environment's Dataverse). The tenant's F&O apps read `fno.environments`, which
    /// the evaluator fills from the F&O environments before any tenant component is evaluated.
    ComponentId {
        Dataverse = "dataverse",
        PowerAutomate = "power_automate",
        CopilotStudio = "copilot_studio",
        PowerPages = "power_pages",
        AiBuilder = "ai_builder",
        Sales = "sales",
        SalesAi = "sales_ai",
        CustomerService = "customer_service",
        FieldService = "field_service",
        Chat = "chat",
        ContactCenter = "contact_center",
        CustomerInsightsData = "customer_insights_data",
        CustomerInsightsJourneys = "customer_insights_journeys",
        FoEnvironment = "fo_environment",
        ScaleUnit = "scale_unit",
        BusinessCentral = "business_central",
        PlatformMetadata = "platform_metadata",
        Finance = "finance",
        SupplyChain = "supply_chain",
        HumanResources = "human_resources",
        ProjectOperations = "project_operations",
        IntelligentOrderManagement = "intelligent_order_management",
        FraudProtection = "fraud_protection",
        HrStandalone = "hr_standalone",
        DemandPlanning = "demand_planning",
        LcsData = "lcs_data",
        TaxCalculation = "tax_calculation",
        ElectronicInvoicing = "electronic_invoicing",
        OtherAddins = "other_addins",
        CommerceHq = "commerce_hq",
        EcommerceCms = "ecommerce_cms",
        Recommendations = "recommendations",
        RatingsReviews = "ratings_reviews",
        BcExports = "bc_exports",
    }
}

impl ComponentId {
    /// The scope the component is evaluated in.
    pub fn scope(self) -> Scope {
        use ComponentId::*;
        match self {
            Dataverse
            | PowerAutomate
            | CopilotStudio
            | PowerPages
            | AiBuilder
            | Sales
            | SalesAi
            | CustomerService
            | FieldService
            | Chat
            | ContactCenter
            | CustomerInsightsData
            | CustomerInsightsJourneys => Scope::Environment,
            FoEnvironment => Scope::FoEnvironment,
            ScaleUnit => Scope::ScaleUnit,
            BusinessCentral => Scope::BcEnvironment,
            PlatformMetadata
            | Finance
            | SupplyChain
            | HumanResources
            | ProjectOperations
            | IntelligentOrderManagement
            | FraudProtection
            | HrStandalone
            | DemandPlanning
            | LcsData
            | TaxCalculation
            | ElectronicInvoicing
            | OtherAddins
            | CommerceHq
            | EcommerceCms
            | Recommendations
            | RatingsReviews
            | BcExports => Scope::Tenant,
        }
    }

    /// The component's name in reports. In the browser it comes from the report's prose (where
    /// `build.rs` puts these very names), so this table isn't in the first load.
    #[cfg(target_arch = "wasm32")]
    pub fn label(self) -> &'static str {
        crate::catalogue::COMPONENT_LABELS
            .get(self.position())
            .and_then(|p| crate::prose::resolve(*p))
            .unwrap_or("")
    }

    /// The component's name in reports.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn label(self) -> &'static str {
        use ComponentId::*;
        match self {
            Dataverse => "Dataverse (database, files, audit, search)",
            PowerAutomate => "Power Automate flows",
            CopilotStudio => "Copilot Studio agents",
            PowerPages => "Power Pages",
            AiBuilder => "AI Builder",
            Sales => "Dynamics 365 Sales",
            SalesAi => "Sales forecasting, scoring and intelligence features",
            CustomerService => "Dynamics 365 Customer Service",
            FieldService => "Dynamics 365 Field Service",
            Chat => "Chat for Dynamics 365",
            ContactCenter => "Contact Center / Omnichannel (voice and other channels)",
            CustomerInsightsData => "Customer Insights – Data",
            CustomerInsightsJourneys => "Customer Insights – Journeys",
            FoEnvironment => "Finance and operations environment",
            ScaleUnit => "Commerce Scale Unit",
            BusinessCentral => "Business Central environment",
            PlatformMetadata => "Power Platform metadata and settings",
            Finance => "Dynamics 365 Finance",
            SupplyChain => "Dynamics 365 Supply Chain Management",
            HumanResources => "Human Resources (in an F&O environment)",
            ProjectOperations => "Dynamics 365 Project Operations",
            IntelligentOrderManagement => "Dynamics 365 Intelligent Order Management",
            FraudProtection => "Dynamics 365 Fraud Protection",
            HrStandalone => "Human Resources (stand-alone)",
            DemandPlanning => "Demand planning",
            LcsData => "Lifecycle Services data",
            TaxCalculation => "Tax Calculation",
            ElectronicInvoicing => "Electronic Invoicing",
            OtherAddins => "Other F&O add-ins",
            CommerceHq => "Commerce headquarters",
            EcommerceCms => "E-commerce content management system",
            Recommendations => "Product recommendations",
            RatingsReviews => "Ratings and reviews",
            BcExports => "Business Central database exports",
        }
    }
}
