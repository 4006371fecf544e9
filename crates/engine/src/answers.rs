//! The answers model: everything the questionnaire collects about an estate, as one versioned,
//! serialisable structure.
//!
//! Every choice is an `Option`: `None` means "not answered yet" (the wizard needs to tell that
//! apart from a deliberate answer), and every choice enum has an `unknown` value for "I don't know".
//! The engine treats both as unknown. Raw answers are turned into [`ValidAnswers`] by
//! [`crate::parse_answers`] or [`Answers::validate`]; the evaluator accepts only the validated form.

use serde::{Deserialize, Serialize};

use crate::choice::choice;

/// The answers format this build writes. Older versions are migrated on load; newer are refused.
pub const SCHEMA_VERSION: u32 = 4;

choice! {
    /// A yes/no question that admits "I don't know".
    YesNo { Unknown = "unknown", Yes = "yes", No = "no" }
}

choice! {
    /// The Azure geographies a CMK enterprise policy can be created in (PP-CMK 6/9/2025, §2.2),
    /// which are also the Power Platform environment regions.
    Geo {
        Unknown = "unknown",
        UnitedStates = "unitedstates",
        Europe = "europe",
        Uk = "uk",
        France = "france",
        Germany = "germany",
        Switzerland = "switzerland",
        Norway = "norway",
        Sweden = "sweden",
        Canada = "canada",
        Brazil = "brazil",
        Australia = "australia",
        Asia = "asia",
        Japan = "japan",
        India = "india",
        Korea = "korea",
        Singapore = "singapore",
        Uae = "uae",
        SouthAfrica = "southafrica",
    }
}

impl Geo {
    /// Whether the geography lies inside the EU Data Boundary (EU + EFTA countries; EUDB §4.14).
    /// `None` when the geography is unknown.
    pub fn in_eu_data_boundary(self) -> Option<bool> {
        match self {
            Geo::Unknown => None,
            Geo::Europe
            | Geo::France
            | Geo::Germany
            | Geo::Sweden
            | Geo::Switzerland
            | Geo::Norway => Some(true),
            _ => Some(false),
        }
    }

    /// A human name for the geography.
    pub fn label(self) -> &'static str {
        match self {
            Geo::Unknown => "Unknown",
            Geo::UnitedStates => "United States",
            Geo::Europe => "Europe",
            Geo::Uk => "United Kingdom",
            Geo::France => "France",
            Geo::Germany => "Germany",
            Geo::Switzerland => "Switzerland",
            Geo::Norway => "Norway",
            Geo::Sweden => "Sweden",
            Geo::Canada => "Canada",
            Geo::Brazil => "Brazil",
            Geo::Australia => "Australia",
            Geo::Asia => "Asia",
            Geo::Japan => "Japan",
            Geo::India => "India",
            Geo::Korea => "Korea",
            Geo::Singapore => "Singapore",
            Geo::Uae => "United Arab Emirates",
            Geo::SouthAfrica => "South Africa",
        }
    }
}

choice! {
    /// Which Microsoft cloud the tenant is in.
    Cloud { Unknown = "unknown", Commercial = "commercial", UsGovernment = "us_government", China = "china" }
}

choice! {
    /// The residency requirement the organisation must meet.
    Residency {
        Unknown = "unknown",
        None = "none",
        EuDataBoundary = "eu_data_boundary",
        SpecificGeo = "specific_geo",
        SovereignCloud = "sovereign_cloud",
    }
}

choice! {
    /// Power Platform environment types.
    EnvType {
        Unknown = "unknown",
        Production = "production",
        Sandbox = "sandbox",
        Developer = "developer",
        Trial = "trial",
        Teams = "teams",
        Default = "default",
    }
}

choice! {
    /// The status Power Platform admin center shows after adding an environment to a CMK policy.
    EncryptionStatus { Unknown = "unknown", Encrypted = "encrypted", Failed = "failed", Warning = "warning" }
}

choice! {
    /// Where a finance and operations environment is hosted.
    FoHosting {
        Unknown = "unknown",
        LcsManaged = "lcs_managed",
        CloudHosted = "cloud_hosted",
        PpacUnified = "ppac_unified",
    }
}

choice! {
    /// The Lifecycle Services endpoint hosting the F&O project (FO-GEO).
    LcsEndpoint {
        Unknown = "unknown",
        Us = "us",
        Eu = "eu",
        Fr = "fr",
        No = "no",
        Sa = "sa",
        Ch = "ch",
        Uae = "uae",
        Gov = "gov",
    }
}

choice! {
    /// Power Automate hosted RPA in use.
    HostedRpa { Unknown = "unknown", None = "none", Machines = "machines", Groups = "groups", Both = "both" }
}

choice! {
    /// When CMK was first applied to the environments hosting Copilot Studio agents.
    CopilotTiming { Unknown = "unknown", Before2025_04_07 = "before_2025_04_07", OnOrAfter = "on_or_after", NotYet = "not_yet" }
}

choice! {
    /// Where the key lives.
    KeyStore { Unknown = "unknown", KeyVault = "key_vault", ManagedHsm = "managed_hsm", None = "none" }
}

choice! {
    /// The key's type.
    KeyType { Unknown = "unknown", Rsa = "rsa", RsaHsm = "rsa_hsm", Ec = "ec" }
}

choice! {
    /// The key's size in bits.
    KeySize { Unknown = "unknown", Rsa2048 = "2048", Rsa3072 = "3072", Rsa4096 = "4096", Other = "other" }
}

choice! {
    /// Whether the key has an expiry date, and whether anyone is alerted before it.
    KeyExpiry { Unknown = "unknown", None = "none", SetWithAlert = "set_with_alert", SetWithoutAlert = "set_without_alert" }
}

choice! {
    /// How the enterprise policy's identity is granted access to the key.
    PermissionModel { Unknown = "unknown", Rbac = "rbac", AccessPolicy = "access_policy" }
}

choice! {
    /// The key vault's network access.
    VaultNetwork {
        Unknown = "unknown",
        Public = "public",
        SelectedTrusted = "selected_trusted",
        SelectedUntrusted = "selected_untrusted",
        PrivateTrusted = "private_trusted",
        PrivateUntrusted = "private_untrusted",
    }
}

choice! {
    /// How the key is rotated.
    Rotation { Unknown = "unknown", NewVersion = "new_version", NewPolicy = "new_policy", Never = "never" }
}

/// The whole questionnaire, as saved, exported and shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Answers {
    /// Format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The tenant and the residency requirement.
    pub tenant: Tenant,
    /// Power Platform / Dataverse environments (Dynamics 365 customer engagement apps run in these).
    pub environments: Vec<Environment>,
    /// Finance and operations apps.
    pub finance_operations: FinanceOperations,
    /// F&O add-ins and the Regulatory Configuration Service.
    pub addins: AddIns,
    /// Dynamics 365 Commerce.
    pub commerce: Commerce,
    /// Power Automate and Copilot Studio details that apply to every CMK environment.
    pub power_platform: PowerPlatform,
    /// Dynamics 365 Business Central.
    pub business_central: BusinessCentral,
    /// The customer-managed key and its vault.
    pub key: KeyManagement,
    /// Licences CMK requires.
    pub licensing: Licensing,
    /// Copies of Dataverse data kept outside it (Fabric, Power BI, dual-write, exports).
    pub copies: DataCopies,
    /// Who can look at the data while it is in use: Customer Lockbox.
    pub access: OperatorAccess,
    /// The brief's cover details (version 2): who it is for, who prepared it, its classification.
    pub brief: Brief,
}

impl Default for Answers {
    fn default() -> Self {
        Answers {
            schema_version: SCHEMA_VERSION,
            tenant: Tenant::default(),
            environments: Vec::new(),
            finance_operations: FinanceOperations::default(),
            addins: AddIns::default(),
            commerce: Commerce::default(),
            power_platform: PowerPlatform::default(),
            business_central: BusinessCentral::default(),
            key: KeyManagement::default(),
            licensing: Licensing::default(),
            copies: DataCopies::default(),
            access: OperatorAccess::default(),
            brief: Brief::default(),
        }
    }
}

/// The tenant and its residency requirement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tenant {
    /// Which Microsoft cloud.
    pub cloud: Option<Cloud>,
    /// The tenant's home geography (chosen at sign-up).
    pub home_geo: Option<Geo>,
    /// The residency requirement.
    pub residency: Option<Residency>,
    /// The geography data must stay in, when `residency` is `specific_geo`.
    pub required_geo: Option<Geo>,
}

/// One Power Platform environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Environment {
    /// Stable id other answers link to (F&O and Business Central links).
    pub id: String,
    /// The name shown in Power Platform admin center.
    pub name: String,
    /// Environment type.
    #[serde(rename = "type")]
    pub kind: Option<EnvType>,
    /// Region the environment is deployed in.
    pub region: Option<Geo>,
    /// Whether it is a Managed Environment.
    pub managed: Option<YesNo>,
    /// Whether it is added to a CMK enterprise policy.
    pub cmk_policy: Option<YesNo>,
    /// The region of that enterprise policy.
    pub policy_region: Option<Geo>,
    /// The encryption status admin center shows.
    pub encryption_status: Option<EncryptionStatus>,
    /// Whether it was encrypted with the legacy bring-your-own-key (BYOK) feature.
    pub legacy_byok: Option<YesNo>,
    /// What runs in it.
    pub apps: EnvironmentApps,
}

/// Apps and services used in one environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnvironmentApps {
    /// Dynamics 365 Sales.
    pub sales: Option<YesNo>,
    /// Sales forecasting.
    pub sales_forecasting: Option<YesNo>,
    /// Sales predictive (lead and opportunity) scoring.
    pub sales_predictive_scoring: Option<YesNo>,
    /// Sales conversation intelligence.
    pub sales_conversation_intelligence: Option<YesNo>,
    /// Sales relationship intelligence (relationship analytics, who knows whom).
    pub sales_relationship_intelligence: Option<YesNo>,
    /// Dynamics 365 Customer Service.
    pub customer_service: Option<YesNo>,
    /// Dynamics 365 Field Service.
    pub field_service: Option<YesNo>,
    /// Chat for Dynamics 365.
    pub chat: Option<YesNo>,
    /// Contact Center / Omnichannel channels beyond chat (voice, SMS, social, Nuance IVR).
    pub contact_center: Option<YesNo>,
    /// Customer Insights – Data.
    pub customer_insights_data: Option<YesNo>,
    /// Customer Insights – Data on the organisation's own Azure Data Lake Storage.
    pub customer_insights_own_adls: Option<YesNo>,
    /// Customer Insights – Journeys.
    pub customer_insights_journeys: Option<YesNo>,
    /// Power Automate flows.
    pub power_automate: Option<YesNo>,
    /// Copilot Studio agents.
    pub copilot_studio: Option<YesNo>,
    /// Power Pages sites.
    pub power_pages: Option<YesNo>,
    /// AI Builder.
    pub ai_builder: Option<YesNo>,
    /// "Allow data movement across regions" for generative AI features turned on.
    pub genai_cross_region: Option<YesNo>,
    /// Azure Synapse Link for Dataverse exports this environment's tables to the organisation's
    /// own storage.
    pub synapse_link: Option<YesNo>,
    /// That storage account is encrypted with the organisation's own customer-managed key.
    pub synapse_link_storage_cmk: Option<YesNo>,
}

/// Finance and operations apps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FinanceOperations {
    /// Whether any finance and operations app is used.
    pub used: Option<YesNo>,
    /// The F&O environments.
    pub environments: Vec<FoEnvironment>,
    /// Dynamics 365 Finance.
    pub finance: Option<YesNo>,
    /// Dynamics 365 Supply Chain Management.
    pub supply_chain: Option<YesNo>,
    /// Human Resources provisioned in an F&O environment.
    pub human_resources: Option<YesNo>,
    /// Project Operations.
    pub project_operations: Option<YesNo>,
    /// Commerce (headquarters).
    pub commerce: Option<YesNo>,
    /// Intelligent Order Management.
    pub intelligent_order_management: Option<YesNo>,
    /// Fraud Protection.
    pub fraud_protection: Option<YesNo>,
    /// The Demand planning app for Supply Chain Management.
    pub demand_planning: Option<YesNo>,
    /// Sensitive data kept in Lifecycle Services (file assets, task recordings, BPM libraries).
    pub lcs_data: Option<YesNo>,
    /// The stand-alone Human Resources app (not in an F&O environment).
    pub hr_standalone: Option<YesNo>,
    /// The Lifecycle Services endpoint.
    pub lcs_endpoint: Option<LcsEndpoint>,
}

/// One finance and operations environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FoEnvironment {
    /// Stable id.
    pub id: String,
    /// The name in Lifecycle Services or admin center.
    pub name: String,
    /// How it is hosted.
    pub hosting: Option<FoHosting>,
    /// Azure region (geography).
    pub region: Option<Geo>,
    /// Whether Power Platform integration is enabled.
    pub power_platform_integration: Option<YesNo>,
    /// Id of the Power Platform environment it is linked to; `"unknown"` for "I don't know"
    /// (an answer given, unlike `None`), which is why no item may have the id `unknown`.
    pub linked_environment: Option<String>,
    /// Whether CMK was already applied to that environment before it was linked.
    pub cmk_before_link: Option<YesNo>,
    /// Whether its region is marked "Data resident region" (same geography as LCS).
    pub data_resident_region: Option<YesNo>,
}

/// F&O add-ins and the Regulatory Configuration Service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AddIns {
    /// Tax Calculation.
    pub tax_calculation: Option<YesNo>,
    /// Electronic Invoicing.
    pub electronic_invoicing: Option<YesNo>,
    /// Whether they were set up on the stand-alone Regulatory Configuration Service (RCS).
    pub standalone_rcs: Option<YesNo>,
    /// Other LCS add-ins.
    pub other: Option<YesNo>,
}

/// Dynamics 365 Commerce.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Commerce {
    /// Commerce Scale Units.
    pub scale_units: Vec<ScaleUnit>,
    /// The e-commerce content management system.
    pub ecommerce_cms: Option<YesNo>,
    /// Product recommendations.
    pub recommendations: Option<YesNo>,
    /// Ratings and reviews.
    pub ratings_reviews: Option<YesNo>,
    /// Where ratings and reviews (and e-commerce) are deployed.
    pub ratings_reviews_geo: Option<Geo>,
}

/// One Commerce Scale Unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScaleUnit {
    /// Stable id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Geography it is deployed in.
    pub geo: Option<Geo>,
    /// Whether it is self-hosted (in the organisation's own infrastructure).
    pub self_hosted: Option<YesNo>,
}

/// Power Automate and Copilot Studio details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PowerPlatform {
    /// Flows existed in an environment before CMK was applied to it.
    pub flows_before_cmk: Option<YesNo>,
    /// An environment was already CMK-protected before Power Automate's automatic migration (no date given by Microsoft; first documented in October 2024).
    pub cmk_before_auto_migration: Option<YesNo>,
    /// HTTP-triggered, Teams-triggered or V1 Power Apps-triggered flows, or "List flows as Admin (V1)".
    pub special_trigger_flows: Option<YesNo>,
    /// Connections that don't use Microsoft Entra OAuth (API keys, basic auth).
    pub non_oauth_connections: Option<YesNo>,
    /// Hosted RPA in use.
    pub hosted_rpa: Option<HostedRpa>,
    /// When CMK was applied to the environments hosting agents.
    pub copilot_cmk_timing: Option<CopilotTiming>,
    /// Whether CMK has been turned off and on again since then.
    pub copilot_cmk_toggled: Option<YesNo>,
    /// Agent 365 security audit logging is used.
    pub copilot_agent365_audit: Option<YesNo>,
    /// Agents need to process files users upload.
    pub copilot_file_uploads: Option<YesNo>,
}

/// Dynamics 365 Business Central.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BusinessCentral {
    /// Whether Business Central online is used.
    pub used: Option<YesNo>,
    /// Business Central environments.
    pub environments: Vec<BcEnvironment>,
    /// Whether databases are exported (.bacpac) to storage accounts.
    pub exports: Option<YesNo>,
}

/// One Business Central environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BcEnvironment {
    /// Stable id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is linked to a Power Platform environment.
    pub linked: Option<YesNo>,
    /// Id of the linked Power Platform environment; `"unknown"` for "I don't know".
    pub linked_environment: Option<String>,
    /// Whether it was created by copying or restoring another environment.
    pub from_copy_or_restore: Option<YesNo>,
}

/// The customer-managed key and its vault.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeyManagement {
    /// Key Vault or Managed HSM.
    pub store: Option<KeyStore>,
    /// Soft delete enabled.
    pub soft_delete: Option<YesNo>,
    /// Purge protection enabled.
    pub purge_protection: Option<YesNo>,
    /// Key type.
    pub key_type: Option<KeyType>,
    /// Key size.
    pub key_size: Option<KeySize>,
    /// Expiry date and alerting.
    pub expiry: Option<KeyExpiry>,
    /// Permission model.
    pub permission_model: Option<PermissionModel>,
    /// Vault network access.
    pub network: Option<VaultNetwork>,
    /// Rotation method.
    pub rotation: Option<Rotation>,
    /// Key Vault and Power Platform administered by different people.
    pub separate_admins: Option<YesNo>,
    /// A tested runbook for losing access to the key.
    pub lockout_runbook: Option<YesNo>,
    /// The admins who would re-enable locked environments hold Reader on the enterprise policy.
    pub policy_reader: Option<YesNo>,
}

/// Copies of Dataverse (and linked finance and operations) data that live outside Dataverse, where
/// the Power Platform key may not reach.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataCopies {
    /// Link to Microsoft Fabric is used.
    pub fabric_link: Option<YesNo>,
    /// Power BI semantic models import the data.
    pub power_bi: Option<YesNo>,
    /// Dual-write or virtual tables between finance and operations and Dataverse.
    pub dual_write: Option<YesNo>,
    /// Customer Insights – Data exports or enrichments to other systems.
    pub ci_exports: Option<YesNo>,
    /// Dataverse long-term retention or elastic tables in key-protected environments.
    pub long_term_retention: Option<YesNo>,
}

/// Operator access: who at Microsoft can look at the data while it is in use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OperatorAccess {
    /// Customer Lockbox is turned on.
    pub lockbox: Option<YesNo>,
    /// Someone answers Lockbox requests before they expire (four days).
    pub lockbox_monitored: Option<YesNo>,
}

/// Licences CMK requires (PP-CMK §2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Licensing {
    /// Entitled to Managed Environments.
    pub managed_environments: Option<YesNo>,
    /// Users in CMK environments hold a Microsoft 365 E5-family (or equivalent) licence.
    pub e5_users: Option<YesNo>,
}

/// The cover details of the printed brief, typed by the user. They describe the document, not the
/// estate, so no rule reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Brief {
    /// The organisation assessed.
    pub organisation: Option<String>,
    /// Who prepared the assessment.
    pub prepared_by: Option<String>,
    /// The document's classification label, such as "Internal" or "Confidential".
    pub classification: Option<String>,
}

/// Answers that passed [`Answers::validate`]: the only form the evaluator accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAnswers(pub(crate) Answers);

impl ValidAnswers {
    /// The answers.
    pub fn answers(&self) -> &Answers {
        &self.0
    }
    /// Gives the answers back.
    pub fn into_inner(self) -> Answers {
        self.0
    }
}
