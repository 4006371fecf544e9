//! The questionnaire's content: every question page, in order, with its plain-English wording,
//! one line of "why we ask", the options, and the engine field whose "How to find out" guide
//! applies. Pure data: the step list (`steps.rs`) decides which pages apply to an estate.

/// Which list a per-item page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Power Platform environments.
    Environments,
    /// Finance and operations environments.
    FoEnvironments,
    /// Commerce Scale Units.
    ScaleUnits,
    /// Business Central environments.
    BcEnvironments,
}

impl ListKind {
    /// JSON path of the list in the answers.
    pub fn path(self) -> &'static [&'static str] {
        match self {
            ListKind::Environments => &["environments"],
            ListKind::FoEnvironments => &["finance_operations", "environments"],
            ListKind::ScaleUnits => &["commerce", "scale_units"],
            ListKind::BcEnvironments => &["business_central", "environments"],
        }
    }
    /// Singular noun.
    pub fn noun(self) -> &'static str {
        match self {
            ListKind::Environments => "environment",
            ListKind::FoEnvironments => "finance and operations environment",
            ListKind::ScaleUnits => "Commerce Scale Unit",
            ListKind::BcEnvironments => "Business Central environment",
        }
    }
    /// The list page's heading (also its title).
    pub fn title(self) -> &'static str {
        match self {
            ListKind::Environments => "Which Power Platform environments do you have?",
            ListKind::FoEnvironments => "Which finance and operations environments do you have?",
            ListKind::ScaleUnits => "Which Commerce Scale Units do you run?",
            ListKind::BcEnvironments => "Which Business Central environments do you have?",
        }
    }

    /// Prefix of generated ids and of step ids.
    pub fn slug(self) -> &'static str {
        match self {
            ListKind::Environments => "env",
            ListKind::FoEnvironments => "fo",
            ListKind::ScaleUnits => "csu",
            ListKind::BcEnvironments => "bc",
        }
    }
}

/// The task-list sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Tenant and residency.
    Tenant,
    /// Power Platform environments and their apps.
    Environments,
    /// Finance and operations.
    FinanceOperations,
    /// Add-ins and RCS.
    AddIns,
    /// Commerce.
    Commerce,
    /// Power Automate and Copilot Studio.
    PowerPlatform,
    /// Business Central.
    BusinessCentral,
    /// The key and its vault.
    Key,
    /// Licensing.
    Licensing,
}

impl Section {
    /// All sections in order.
    pub const ALL: [Section; 9] = [
        Section::Tenant,
        Section::Environments,
        Section::FinanceOperations,
        Section::AddIns,
        Section::Commerce,
        Section::PowerPlatform,
        Section::BusinessCentral,
        Section::Key,
        Section::Licensing,
    ];
    /// Title in the task list.
    pub fn title(self) -> &'static str {
        match self {
            Section::Tenant => "Your tenant and residency needs",
            Section::Environments => "Environments and apps",
            Section::FinanceOperations => "Finance and operations",
            Section::AddIns => "Add-ins and RCS",
            Section::Commerce => "Commerce",
            Section::PowerPlatform => "Power Automate and Copilot Studio",
            Section::BusinessCentral => "Business Central",
            Section::Key => "Your key and key vault",
            Section::Licensing => "Licensing",
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Radio buttons.
    Radios,
    /// A drop-down (long option lists such as regions).
    Select,
}

/// One question.
#[derive(Debug)]
pub struct QuestionDef {
    /// Path relative to the page's item (or the answers root).
    pub path: &'static [&'static str],
    /// The question.
    pub label: &'static str,
    /// One line of why we ask.
    pub why: &'static str,
    /// `(value, label)` options, without "I don't know".
    pub options: &'static [(&'static str, &'static str)],
    /// Whether "I don't know" is offered.
    pub dont_know: bool,
    /// Radios or select.
    pub control: Control,
    /// Engine field for the "How to find out" guide.
    pub guide: &'static str,
    /// Asked only when the sibling at this path (same item) has this value.
    pub only_if: Option<(&'static [&'static str], &'static str)>,
}

/// A page of one or more questions. Pages are statics, so two are equal when they are the same
/// page: comparing addresses is exact and keeps a deep comparison out of the wasm.
#[derive(Debug)]
pub struct PageDef {
    /// URL segment (after the item, for per-item pages).
    pub id: &'static str,
    /// The page heading (the legend when the page has one question).
    pub title: &'static str,
    /// Section.
    pub section: Section,
    /// Per-item page of this list, or a tenant page.
    pub list: Option<ListKind>,
    /// Questions.
    pub questions: &'static [QuestionDef],
}

const YES_NO: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No")];

/// Geographies, as the CMK enterprise-policy locations.
pub const GEOS: &[(&str, &str)] = &[
    ("europe", "Europe"),
    ("unitedstates", "United States"),
    ("uk", "United Kingdom"),
    ("france", "France"),
    ("germany", "Germany"),
    ("switzerland", "Switzerland"),
    ("norway", "Norway"),
    ("sweden", "Sweden"),
    ("canada", "Canada"),
    ("brazil", "Brazil"),
    ("australia", "Australia"),
    ("asia", "Asia"),
    ("japan", "Japan"),
    ("india", "India"),
    ("korea", "Korea"),
    ("singapore", "Singapore"),
    ("uae", "United Arab Emirates"),
    ("southafrica", "South Africa"),
];

const fn yes_no(
    path: &'static [&'static str],
    label: &'static str,
    why: &'static str,
    guide: &'static str,
) -> QuestionDef {
    QuestionDef {
        path,
        label,
        why,
        options: YES_NO,
        dont_know: true,
        control: Control::Radios,
        guide,
        only_if: None,
    }
}

const fn choice(
    path: &'static [&'static str],
    label: &'static str,
    why: &'static str,
    options: &'static [(&'static str, &'static str)],
    guide: &'static str,
) -> QuestionDef {
    QuestionDef {
        path,
        label,
        why,
        options,
        dont_know: true,
        control: Control::Radios,
        guide,
        only_if: None,
    }
}

const fn geo(
    path: &'static [&'static str],
    label: &'static str,
    why: &'static str,
    guide: &'static str,
) -> QuestionDef {
    QuestionDef {
        path,
        label,
        why,
        options: GEOS,
        dont_know: true,
        control: Control::Select,
        guide,
        only_if: None,
    }
}

const fn when(
    mut q: QuestionDef,
    path: &'static [&'static str],
    value: &'static str,
) -> QuestionDef {
    q.only_if = Some((path, value));
    q
}

impl PartialEq for PageDef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for PageDef {}

/// Every question page, in questionnaire order. List pages (add, change, remove items) come
/// before their per-item pages; `steps.rs` places them.
pub static PAGES: &[PageDef] = &[
    PageDef {
        id: "cloud",
        title: "Which Microsoft cloud is your tenant in?",
        section: Section::Tenant,
        list: None,
        questions: &[choice(
            &["tenant", "cloud"],
            "Which Microsoft cloud is your tenant in?",
            "Customer-managed key availability is documented for the commercial cloud only.",
            &[("commercial", "Commercial (worldwide)"), ("us_government", "US Government (GCC, GCC High, DoD)"), ("china", "China (21Vianet)")],
            "tenant.cloud",
        )],
    },
    PageDef {
        id: "home-geo",
        title: "What is your tenant's home geography?",
        section: Section::Tenant,
        list: None,
        questions: &[geo(
            &["tenant", "home_geo"],
            "What is your tenant's home geography?",
            "Power Platform keeps data there unless an environment is created in another region.",
            "tenant.home_geo",
        )],
    },
    PageDef {
        id: "residency",
        title: "Where must your data stay?",
        section: Section::Tenant,
        list: None,
        questions: &[
            choice(
                &["tenant", "residency"],
                "Where must your data stay?",
                "Residency is a separate verdict from key control: a customer-managed key doesn't move data.",
                &[
                    ("none", "No residency requirement"),
                    ("eu_data_boundary", "Inside the EU Data Boundary (EU and EFTA)"),
                    ("specific_geo", "In one specific geography"),
                    ("sovereign_cloud", "In a sovereign cloud"),
                ],
                "tenant.residency",
            ),
            when(
                geo(&["tenant", "required_geo"], "Which geography?", "Each environment's region is compared with it.", "tenant.required_geo"),
                &["tenant", "residency"],
                "specific_geo",
            ),
        ],
    },
    PageDef {
        id: "setup",
        title: "How is this environment set up?",
        section: Section::Environments,
        list: Some(ListKind::Environments),
        questions: &[
            choice(
                &["type"],
                "What type of environment is it?",
                "Trial and Teams environments can't use a customer-managed key.",
                &[
                    ("production", "Production"),
                    ("sandbox", "Sandbox"),
                    ("developer", "Developer"),
                    ("default", "Default"),
                    ("trial", "Trial"),
                    ("teams", "Teams (Dataverse for Teams)"),
                ],
                "env.type",
            ),
            geo(&["region"], "Which region is it in?", "Its data is stored in its own region, whatever the key.", "env.region"),
        ],
    },
    PageDef {
        id: "encryption",
        title: "Is this environment encrypted with your key?",
        section: Section::Environments,
        list: Some(ListKind::Environments),
        questions: &[
            yes_no(&["managed"], "Is it a Managed Environment?", "The key policy is only enforced on Managed Environments.", "env.managed"),
            yes_no(&["cmk_policy"], "Is it in a customer-managed key enterprise policy?", "Only environments added to a policy use your key.", "env.cmk_policy"),
            when(
                geo(&["policy_region"], "Which region is that policy in?", "A policy only accepts environments in its own region.", "env.cmk_policy"),
                &["cmk_policy"],
                "yes",
            ),
            when(
                choice(
                    &["encryption_status"],
                    "What encryption status does admin center show?",
                    "Failed and Warning mean some data is still on a Microsoft key.",
                    &[("encrypted", "Encrypted"), ("failed", "Failed"), ("warning", "Warning")],
                    "env.encryption_status",
                ),
                &["cmk_policy"],
                "yes",
            ),
            yes_no(
                &["legacy_byok"],
                "Was it ever encrypted with the old bring-your-own-key (BYOK) feature?",
                "BYOK ended on 6 January 2026; unmigrated environments went back to a Microsoft key.",
                "env.legacy_byok",
            ),
        ],
    },
    PageDef {
        id: "apps",
        title: "What runs in this environment?",
        section: Section::Environments,
        list: Some(ListKind::Environments),
        questions: &[
            yes_no(&["apps", "sales"], "Dynamics 365 Sales", "Covered, except some AI features.", "env.sales"),
            yes_no(&["apps", "customer_service"], "Dynamics 365 Customer Service", "Covered.", "env.customer_service"),
            yes_no(&["apps", "field_service"], "Dynamics 365 Field Service", "Covered.", "env.field_service"),
            yes_no(&["apps", "chat"], "Chat for Dynamics 365", "Covered.", "env.chat"),
            yes_no(&["apps", "contact_center"], "Contact Center voice or other channels (beyond chat)", "Not on Microsoft's list.", "env.contact_center"),
            yes_no(&["apps", "customer_insights_data"], "Customer Insights – Data", "Partly covered.", "env.customer_insights_data"),
            yes_no(&["apps", "customer_insights_journeys"], "Customer Insights – Journeys", "Not on Microsoft's list.", "env.customer_insights_journeys"),
            yes_no(&["apps", "power_automate"], "Power Automate flows", "Covered, except some flow types.", "env.power_automate"),
            yes_no(&["apps", "copilot_studio"], "Copilot Studio agents", "Covered, depending on when CMK was applied.", "env.copilot_studio"),
            yes_no(&["apps", "power_pages"], "Power Pages sites", "Not named by Microsoft.", "env.power_pages"),
            yes_no(&["apps", "ai_builder"], "AI Builder", "Not named by Microsoft.", "env.ai_builder"),
            yes_no(
                &["apps", "genai_cross_region"],
                "'Allow data movement across regions' for generative AI is on",
                "Moved data can't be recalled: a residency question.",
                "env.genai_cross_region",
            ),
        ],
    },
    PageDef {
        id: "sales",
        title: "Which Sales AI features are used here?",
        section: Section::Environments,
        list: Some(ListKind::Environments),
        questions: &[
            yes_no(&["apps", "sales_forecasting"], "Forecasting", "Stored outside Dataverse, not covered.", "env.sales_forecasting"),
            yes_no(&["apps", "sales_predictive_scoring"], "Predictive lead or opportunity scoring", "Not covered.", "env.sales_predictive_scoring"),
            yes_no(&["apps", "sales_conversation_intelligence"], "Conversation intelligence", "Not covered.", "env.sales_conversation_intelligence"),
            yes_no(&["apps", "sales_relationship_intelligence"], "Relationship intelligence (who knows whom)", "Not covered.", "env.sales_relationship_intelligence"),
        ],
    },
    PageDef {
        id: "insights",
        title: "Does Customer Insights – Data use your own Data Lake Storage?",
        section: Section::Environments,
        list: Some(ListKind::Environments),
        questions: &[yes_no(
            &["apps", "customer_insights_own_adls"],
            "Does Customer Insights – Data use your own Data Lake Storage?",
            "Your own storage needs its own customer-managed key.",
            "env.customer_insights_own_adls",
        )],
    },
    PageDef {
        id: "fo-used",
        title: "Do you use finance and operations apps?",
        section: Section::FinanceOperations,
        list: None,
        questions: &[yes_no(
            &["finance_operations", "used"],
            "Do you use finance and operations apps?",
            "Finance, Supply Chain Management, Commerce and others have their own key rules.",
            "fno.used",
        )],
    },
    PageDef {
        id: "fo-apps",
        title: "Which finance and operations apps do you use?",
        section: Section::FinanceOperations,
        list: None,
        questions: &[
            yes_no(&["finance_operations", "finance"], "Finance", "Covered with Power Platform integration.", "fno.finance"),
            yes_no(&["finance_operations", "supply_chain"], "Supply Chain Management", "Covered with Power Platform integration.", "fno.supply_chain"),
            yes_no(&["finance_operations", "human_resources"], "Human Resources (in an F&O environment)", "Covered.", "fno.human_resources"),
            yes_no(&["finance_operations", "project_operations"], "Project Operations", "Covered.", "fno.project_operations"),
            yes_no(&["finance_operations", "commerce"], "Commerce", "Covered with exceptions.", "fno.commerce"),
            yes_no(&["finance_operations", "intelligent_order_management"], "Intelligent Order Management", "Listed as covered.", "fno.intelligent_order_management"),
            yes_no(&["finance_operations", "fraud_protection"], "Fraud Protection", "Listed as covered.", "fno.fraud_protection"),
        ],
    },
    PageDef {
        id: "setup",
        title: "How is this finance and operations environment set up?",
        section: Section::FinanceOperations,
        list: Some(ListKind::FoEnvironments),
        questions: &[
            choice(
                &["hosting"],
                "How is it hosted?",
                "Cloud-hosted environments in your own subscription are outside the key policy.",
                &[
                    ("lcs_managed", "Managed by Microsoft through Lifecycle Services"),
                    ("cloud_hosted", "Cloud-hosted in our Azure subscription"),
                    ("ppac_unified", "Created in Power Platform admin center"),
                ],
                "fo.hosting",
            ),
            geo(&["region"], "Which region is it in?", "Scale units and reviews in other geographies can't use your key.", "fo.region"),
            yes_no(&["power_platform_integration"], "Is Power Platform integration enabled?", "Without it the environment stays on a Microsoft key.", "fo.power_platform_integration"),
            when(
                yes_no(
                    &["cmk_before_link"],
                    "Was your key already on the Power Platform environment before it was linked?",
                    "Linking an environment that already had CMK isn't supported.",
                    "fo.cmk_before_link",
                ),
                &["power_platform_integration"],
                "yes",
            ),
            yes_no(
                &["data_resident_region"],
                "Is its region marked 'Data resident region'?",
                "Only those keep F&O and Lifecycle Services data in one geography.",
                "fo.data_resident_region",
            ),
        ],
    },
    PageDef {
        id: "fo-more",
        title: "What else do you use with finance and operations?",
        section: Section::FinanceOperations,
        list: None,
        questions: &[
            yes_no(&["finance_operations", "demand_planning"], "The Demand planning app", "Not fully covered yet.", "fno.demand_planning"),
            yes_no(&["finance_operations", "lcs_data"], "Sensitive files, backups or recordings in Lifecycle Services", "LCS data isn't encrypted with your key.", "fno.lcs_data"),
            yes_no(&["finance_operations", "hr_standalone"], "The stand-alone Human Resources app", "Not covered until migrated.", "fno.hr_standalone"),
            choice(
                &["finance_operations", "lcs_endpoint"],
                "Which Lifecycle Services endpoint do you sign in to?",
                "The endpoint decides where LCS data lives.",
                &[
                    ("us", "lcs.dynamics.com (global, United States)"),
                    ("eu", "eu.lcs.dynamics.com"),
                    ("fr", "fr.lcs.dynamics.com"),
                    ("no", "no.lcs.dynamics.com"),
                    ("ch", "ch.lcs.dynamics.com"),
                    ("uae", "uae.lcs.dynamics.com"),
                    ("sa", "sa.lcs.dynamics.com"),
                    ("gov", "A US Government endpoint"),
                ],
                "fno.lcs_endpoint",
            ),
        ],
    },
    PageDef {
        id: "addins",
        title: "Which add-ins do you use?",
        section: Section::AddIns,
        list: None,
        questions: &[
            yes_no(&["addins", "tax_calculation"], "Tax Calculation", "No CMK statement since RCS was retired.", "addin.tax_calculation"),
            yes_no(&["addins", "electronic_invoicing"], "Electronic Invoicing", "No CMK statement since RCS was retired.", "addin.electronic_invoicing"),
            yes_no(
                &["addins", "standalone_rcs"],
                "Were they set up on the stand-alone Regulatory Configuration Service (RCS)?",
                "RCS data isn't covered.",
                "addin.standalone_rcs",
            ),
            yes_no(&["addins", "other"], "Other Lifecycle Services add-ins", "Microsoft says other add-ins support the key.", "addin.other"),
        ],
    },
    PageDef {
        id: "setup",
        title: "Where is this scale unit?",
        section: Section::Commerce,
        list: Some(ListKind::ScaleUnits),
        questions: &[
            geo(&["geo"], "Which geography is it deployed in?", "Scale units in another geography than F&O can't use your key.", "csu.geo"),
            yes_no(&["self_hosted"], "Is it self-hosted on your own infrastructure?", "Self-hosted units are outside Microsoft-hosted resources.", "csu.self_hosted"),
        ],
    },
    PageDef {
        id: "commerce-more",
        title: "Which Commerce features do you use?",
        section: Section::Commerce,
        list: None,
        questions: &[
            yes_no(&["commerce", "ecommerce_cms"], "The e-commerce site builder (content management system)", "Not covered yet.", "commerce.ecommerce_cms"),
            yes_no(&["commerce", "recommendations"], "Product recommendations", "Excluded.", "commerce.recommendations"),
            yes_no(&["commerce", "ratings_reviews"], "Ratings and reviews", "Excluded when in another geography.", "commerce.ratings_reviews"),
            when(
                geo(&["commerce", "ratings_reviews_geo"], "Where are ratings and reviews deployed?", "Compared with your F&O geography.", "commerce.ratings_reviews_geo"),
                &["commerce", "ratings_reviews"],
                "yes",
            ),
        ],
    },
    PageDef {
        id: "flows",
        title: "Tell us about your Power Automate flows",
        section: Section::PowerPlatform,
        list: None,
        questions: &[
            yes_no(&["power_platform", "flows_before_cmk"], "Did environments have flows before your key was applied?", "Run history from before migration isn't carried over.", "pa.flows_before_cmk"),
            yes_no(
                &["power_platform", "cmk_before_auto_migration"],
                "Was any environment on your key before October 2024?",
                "Those flows are migrated only through a support ticket.",
                "pa.cmk_before_auto_migration",
            ),
            yes_no(
                &["power_platform", "special_trigger_flows"],
                "Are there HTTP-, Teams- or V1 Power Apps-triggered flows?",
                "They stay on a Microsoft key until rebuilt.",
                "pa.special_trigger_flows",
            ),
            yes_no(
                &["power_platform", "non_oauth_connections"],
                "Do flows use connections without Microsoft Entra sign-in (API keys, basic auth)?",
                "Those connections aren't encrypted with your key.",
                "pa.non_oauth_connections",
            ),
            choice(
                &["power_platform", "hosted_rpa"],
                "Do you use hosted RPA?",
                "Hosted machines can't use your key; machine groups must be reprovisioned.",
                &[("none", "No"), ("machines", "Hosted machines"), ("groups", "Hosted machine groups"), ("both", "Both")],
                "pa.hosted_rpa",
            ),
        ],
    },
    PageDef {
        id: "copilot",
        title: "Tell us about Copilot Studio",
        section: Section::PowerPlatform,
        list: None,
        questions: &[
            choice(
                &["power_platform", "copilot_cmk_timing"],
                "When was your key first applied to environments with agents?",
                "Before 7 April 2025, agent data stays on a Microsoft key until CMK is turned off and on.",
                &[("before_2025_04_07", "Before 7 April 2025"), ("on_or_after", "On or after 7 April 2025"), ("not_yet", "Not yet")],
                "mcs.cmk_timing",
            ),
            when(
                yes_no(&["power_platform", "copilot_cmk_toggled"], "Has CMK been turned off and on again since then?", "That moves new agent data to your key.", "mcs.cmk_toggled"),
                &["power_platform", "copilot_cmk_timing"],
                "before_2025_04_07",
            ),
            yes_no(&["power_platform", "copilot_agent365_audit"], "Is Agent 365 security audit logging used?", "That data isn't encrypted with your key.", "mcs.agent365_audit"),
            yes_no(&["power_platform", "copilot_file_uploads"], "Do agents need to process files users upload?", "Reportedly not processed in CMK environments.", "mcs.file_uploads"),
        ],
    },
    PageDef {
        id: "bc-used",
        title: "Do you use Business Central online?",
        section: Section::BusinessCentral,
        list: None,
        questions: &[yes_no(&["business_central", "used"], "Do you use Business Central online?", "Business Central uses your key only through a linked environment.", "bc.used")],
    },
    PageDef {
        id: "setup",
        title: "How is this Business Central environment set up?",
        section: Section::BusinessCentral,
        list: Some(ListKind::BcEnvironments),
        questions: &[
            yes_no(&["linked"], "Is it linked to a Power Platform environment?", "The key applies through that link.", "bcenv.linked"),
            yes_no(&["from_copy_or_restore"], "Was it created by copying or restoring another environment?", "Copies start on a Microsoft key.", "bcenv.from_copy_or_restore"),
        ],
    },
    PageDef {
        id: "bc-exports",
        title: "Do you export Business Central databases?",
        section: Section::BusinessCentral,
        list: None,
        questions: &[yes_no(&["business_central", "exports"], "Do you export Business Central databases?", "Exports use the storage account's key, not yours.", "bc.exports")],
    },
    PageDef {
        id: "vault",
        title: "Where is your key kept?",
        section: Section::Key,
        list: None,
        questions: &[
            choice(
                &["key", "store"],
                "Where is your key kept?",
                "Power Platform accepts Azure Key Vault or Managed HSM.",
                &[("key_vault", "Azure Key Vault"), ("managed_hsm", "Azure Key Vault Managed HSM"), ("none", "We don't have a key yet")],
                "key.store",
            ),
            when(yes_no(&["key", "soft_delete"], "Is soft delete on?", "Mandatory.", "key.soft_delete"), &["key", "store"], "key_vault"),
            when(yes_no(&["key", "purge_protection"], "Is purge protection on?", "Mandatory: it lets you recover a deleted key.", "key.purge_protection"), &["key", "store"], "key_vault"),
        ],
    },
    PageDef {
        id: "key",
        title: "What kind of key is it?",
        section: Section::Key,
        list: None,
        questions: &[
            choice(&["key", "key_type"], "What type is the key?", "Only RSA and RSA-HSM keys are accepted.", &[("rsa", "RSA"), ("rsa_hsm", "RSA-HSM"), ("ec", "Elliptic curve (EC)")], "key.type"),
            choice(
                &["key", "key_size"],
                "What size is the key?",
                "2048 or 3072 bits are accepted.",
                &[("2048", "2048 bits"), ("3072", "3072 bits"), ("4096", "4096 bits"), ("other", "Another size")],
                "key.size",
            ),
            choice(
                &["key", "expiry"],
                "Does the key expire?",
                "An expired key takes every environment down.",
                &[("none", "No expiry date"), ("set_with_alert", "Yes, with an alert before it"), ("set_without_alert", "Yes, without an alert")],
                "key.expiry",
            ),
            choice(
                &["key", "rotation"],
                "How do you rotate it?",
                "A new key version needs no downtime; a new policy needs two.",
                &[("new_version", "New key version or rotation policy"), ("new_policy", "A new key in a new policy"), ("never", "We don't rotate it")],
                "key.rotation",
            ),
        ],
    },
    PageDef {
        id: "access",
        title: "Who and what can reach the key?",
        section: Section::Key,
        list: None,
        questions: &[
            choice(
                &["key", "permission_model"],
                "How does the policy get access to the key?",
                "Microsoft recommends Azure role-based access control.",
                &[("rbac", "Azure RBAC role"), ("access_policy", "Vault access policy")],
                "key.permission_model",
            ),
            choice(
                &["key", "network"],
                "How is the vault's network access set?",
                "Blocking trusted Microsoft services locks every environment.",
                &[
                    ("public", "Public access"),
                    ("private_trusted", "Private endpoint, trusted Microsoft services allowed"),
                    ("private_untrusted", "Private endpoint, trusted services not allowed"),
                ],
                "key.network",
            ),
            yes_no(&["key", "separate_admins"], "Do different people administer the vault and Power Platform?", "No one person should be able to lock you out.", "key.separate_admins"),
            yes_no(&["key", "lockout_runbook"], "Do you have a tested runbook for losing access to the key?", "Locked sandboxes are deleted after 7 days.", "key.lockout_runbook"),
        ],
    },
    PageDef {
        id: "licensing",
        title: "Do you have the licences the key needs?",
        section: Section::Licensing,
        list: None,
        questions: &[
            yes_no(&["licensing", "managed_environments"], "Are you entitled to Managed Environments?", "The key is only enforced on Managed Environments.", "lic.managed_environments"),
            yes_no(
                &["licensing", "e5_users"],
                "Do users in key-protected environments have a Microsoft 365 E5-family licence?",
                "Microsoft requires it for the customer-managed key.",
                "lic.e5_users",
            ),
        ],
    },
];

/// A page by section and id.
pub fn page(list: Option<ListKind>, id: &str) -> Option<&'static PageDef> {
    PAGES.iter().find(|p| p.list == list && p.id == id)
}
