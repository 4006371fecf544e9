//! The estate as answered, for the brief's appendix: each place (environment, finance and
//! operations environment, scale unit, Business Central environment) with the answers a reader
//! needs to follow the findings — where it is, whether it is managed and in a key policy, what it
//! is linked to. The report says "Dev (environment)"; this says Dev is a sandbox in the US.

use crate::answers::{Answers, ValidAnswers};
use crate::lists::ItemList;
use crate::questions::{self as q, Gate, Question};

/// The answers shown for each kind of place, with their column titles.
const SHOWN: [(ItemList, &[(&Question, &str)]); 4] = [
    (
        ItemList::Environments,
        &[
            (&q::ENV_TYPE, "Type"),
            (&q::ENV_REGION, "Region"),
            (&q::ENV_MANAGED, "Managed Environment"),
            (&q::ENV_CMK_POLICY, "In a key policy"),
            (&q::ENV_POLICY_REGION, "Policy region"),
        ],
    ),
    (
        ItemList::FoEnvironments,
        &[
            (&q::FO_HOSTING, "Hosting"),
            (&q::FO_REGION, "Region"),
            (
                &q::FO_POWER_PLATFORM_INTEGRATION,
                "Power Platform integration",
            ),
        ],
    ),
    (
        ItemList::ScaleUnits,
        &[
            (&q::CSU_GEO, "Geography"),
            (&q::CSU_SELF_HOSTED, "Self-hosted"),
        ],
    ),
    (ItemList::BcEnvironments, &[(&q::BCENV_LINKED, "Linked")]),
];

/// The places of one kind, as answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The kind of place.
    pub list: ItemList,
    /// Column titles after the name (the last is "Linked to" where a place links to another).
    pub columns: Vec<&'static str>,
    /// Each place's name and its answers, in the columns' order.
    pub rows: Vec<(String, Vec<String>)>,
}

fn shown(question: &Question, a: &Answers, i: usize) -> String {
    if question.gate(a, i) == Gate::Closed {
        return "—".to_owned();
    }
    match question.get(a, i) {
        Some("unknown") => "Not known".to_owned(),
        Some(v) => question.option_label(v).unwrap_or(v).to_owned(),
        None => "Not answered".to_owned(),
    }
}

/// The environment a finance and operations or Business Central environment is linked to.
/// Only when the question it follows is "yes" (a link kept from an earlier "yes" isn't one).
fn linked(list: ItemList, a: &Answers, i: usize) -> Option<String> {
    let parent = match list {
        ItemList::FoEnvironments => &q::FO_POWER_PLATFORM_INTEGRATION,
        ItemList::BcEnvironments => &q::BCENV_LINKED,
        _ => return None,
    };
    let name = list
        .linked_name(a, i)
        .filter(|_| parent.get(a, i) == Some("yes"));
    Some(name.unwrap_or_else(|| "—".to_owned()))
}

/// Every kind of place that has at least one item, in the questionnaire's order.
pub fn as_answered(valid: &ValidAnswers) -> Vec<Table> {
    let a = valid.answers();
    SHOWN
        .iter()
        .filter_map(|(list, questions)| {
            let items = list.items(a);
            if items.is_empty() {
                return None;
            }
            let links = matches!(list, ItemList::FoEnvironments | ItemList::BcEnvironments);
            let mut columns: Vec<&'static str> = questions.iter().map(|(_, t)| *t).collect();
            if links {
                columns.push("Linked to");
            }
            let rows = items
                .into_iter()
                .enumerate()
                .map(|(i, (_, name))| {
                    let mut cells: Vec<String> = questions
                        .iter()
                        .map(|(question, _)| shown(question, a, i))
                        .collect();
                    cells.extend(linked(*list, a, i));
                    (name, cells)
                })
                .collect();
            Some(Table {
                list: *list,
                columns,
                rows,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_answers;

    #[test]
    fn the_mixed_estate_says_where_each_place_is_and_what_it_is_linked_to() {
        let valid = parse_answers(include_str!("../../../examples/mixed-estate.json")).unwrap();
        let tables = as_answered(&valid);
        let lists: Vec<ItemList> = tables.iter().map(|t| t.list).collect();
        assert_eq!(
            lists,
            [
                ItemList::Environments,
                ItemList::FoEnvironments,
                ItemList::ScaleUnits
            ]
        );
        let row = |t: &Table, name: &str| t.rows.iter().find(|(n, _)| n == name).unwrap().1.clone();
        let envs = &tables[0];
        assert_eq!(envs.columns.len(), envs.rows[0].1.len());
        let sandbox = row(envs, "US Sandbox");
        let region = envs.columns.iter().position(|c| *c == "Region").unwrap();
        assert!(sandbox[region].contains("United States"), "{sandbox:?}");
        // Not in a policy: the policy's region isn't asked, and says so.
        let policy_region = envs
            .columns
            .iter()
            .position(|c| *c == "Policy region")
            .unwrap();
        assert_eq!(sandbox[policy_region], "—");
        let fo = &tables[1];
        assert_eq!(fo.columns.last(), Some(&"Linked to"));
        assert_eq!(
            row(fo, "FO-PROD").last().map(String::as_str),
            Some("Fabrikam Finance (Dataverse)")
        );
        assert_eq!(
            row(fo, "FO-DEV (cloud-hosted)").last().map(String::as_str),
            Some("—")
        );
        // "I don't know" is shown as such; a link left from an earlier "yes" isn't a link.
        let mut a = valid.answers().clone();
        a.finance_operations.environments[0].linked_environment = Some("unknown".into());
        let tables = as_answered(&a.clone().validate().unwrap());
        assert_eq!(
            row(&tables[1], "FO-PROD").last().map(String::as_str),
            Some("I don't know")
        );
        a.finance_operations.environments[0].power_platform_integration =
            Some(crate::answers::YesNo::No);
        let tables = as_answered(&a.validate().unwrap());
        assert_eq!(
            row(&tables[1], "FO-PROD").last().map(String::as_str),
            Some("—")
        );
    }
}
