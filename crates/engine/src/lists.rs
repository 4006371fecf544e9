//! The four item lists of the answers — Power Platform environments, finance and operations
//! environments, Commerce Scale Units and Business Central environments — as one notion shared by
//! the answers, the questions, the wizard and the report. Each list is a [`Scope`] of the rules;
//! every operation on "an item of some list" (count, names, add, rename, remove, link) lives here
//! once instead of in a `match` at each call site.

use crate::answers::{Answers, BcEnvironment, Environment, FoEnvironment, ScaleUnit};
use crate::facts::UNKNOWN;
use crate::model::Scope;
use crate::questions::{When, BC_USED, FNO_COMMERCE, FNO_USED};

/// One of the answers' item lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemList {
    /// Power Platform environments.
    Environments,
    /// Finance and operations environments.
    FoEnvironments,
    /// Commerce Scale Units.
    ScaleUnits,
    /// Business Central environments.
    BcEnvironments,
}

/// Reads or writes the `(id, name)` of items, whatever their type.
trait Named {
    fn id(&self) -> &str;
    fn name_mut(&mut self) -> &mut String;
    fn named(id: String, name: String) -> Self;
    fn name(&self) -> &str;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn id(&self) -> &str { &self.id }
            fn name(&self) -> &str { &self.name }
            fn name_mut(&mut self) -> &mut String { &mut self.name }
            fn named(id: String, name: String) -> Self { Self { id, name, ..Default::default() } }
        }
    )*};
}
named!(Environment, FoEnvironment, ScaleUnit, BcEnvironment);

/// Runs `$body` with `$v` bound to the list's vector in `$a` (shared or mutable).
macro_rules! with_list {
    ($list:expr, $a:expr, |$v:ident| $body:expr) => {
        match $list {
            ItemList::Environments => {
                let $v = &$a.environments;
                $body
            }
            ItemList::FoEnvironments => {
                let $v = &$a.finance_operations.environments;
                $body
            }
            ItemList::ScaleUnits => {
                let $v = &$a.commerce.scale_units;
                $body
            }
            ItemList::BcEnvironments => {
                let $v = &$a.business_central.environments;
                $body
            }
        }
    };
    (mut $list:expr, $a:expr, |$v:ident| $body:expr) => {
        match $list {
            ItemList::Environments => {
                let $v = &mut $a.environments;
                $body
            }
            ItemList::FoEnvironments => {
                let $v = &mut $a.finance_operations.environments;
                $body
            }
            ItemList::ScaleUnits => {
                let $v = &mut $a.commerce.scale_units;
                $body
            }
            ItemList::BcEnvironments => {
                let $v = &mut $a.business_central.environments;
                $body
            }
        }
    };
}

impl ItemList {
    /// Every list, in questionnaire order.
    pub const ALL: [ItemList; 4] = [
        ItemList::Environments,
        ItemList::FoEnvironments,
        ItemList::ScaleUnits,
        ItemList::BcEnvironments,
    ];

    /// The rule scope of its items.
    pub const fn scope(self) -> Scope {
        match self {
            ItemList::Environments => Scope::Environment,
            ItemList::FoEnvironments => Scope::FoEnvironment,
            ItemList::ScaleUnits => Scope::ScaleUnit,
            ItemList::BcEnvironments => Scope::BcEnvironment,
        }
    }

    /// The list whose items a scope is about (`None` for the tenant).
    pub const fn of_scope(scope: Scope) -> Option<ItemList> {
        match scope {
            Scope::Tenant => None,
            Scope::Environment => Some(ItemList::Environments),
            Scope::FoEnvironment => Some(ItemList::FoEnvironments),
            Scope::ScaleUnit => Some(ItemList::ScaleUnits),
            Scope::BcEnvironment => Some(ItemList::BcEnvironments),
        }
    }

    /// Singular noun.
    pub const fn noun(self) -> &'static str {
        match self {
            ItemList::Environments => "environment",
            ItemList::FoEnvironments => "finance and operations environment",
            ItemList::ScaleUnits => "Commerce Scale Unit",
            ItemList::BcEnvironments => "Business Central environment",
        }
    }

    /// The list page's heading (also its title).
    pub const fn title(self) -> &'static str {
        match self {
            ItemList::Environments => "Which Power Platform environments do you have?",
            ItemList::FoEnvironments => "Which finance and operations environments do you have?",
            ItemList::ScaleUnits => "Which Commerce Scale Units do you run?",
            ItemList::BcEnvironments => "Which Business Central environments do you have?",
        }
    }

    /// Prefix of generated ids and of step ids.
    pub const fn slug(self) -> &'static str {
        match self {
            ItemList::Environments => "env",
            ItemList::FoEnvironments => "fo",
            ItemList::ScaleUnits => "csu",
            ItemList::BcEnvironments => "bc",
        }
    }

    /// The fewest items the questionnaire needs before it can go on.
    pub const fn minimum(self) -> usize {
        match self {
            ItemList::Environments | ItemList::FoEnvironments => 1,
            ItemList::ScaleUnits | ItemList::BcEnvironments => 0,
        }
    }

    /// When the list is asked for (its items' questions are asked only then too).
    pub const fn when(self) -> When {
        match self {
            ItemList::Environments => When::Always,
            ItemList::FoEnvironments => When::Is(&FNO_USED, crate::answers::YesNo::Yes.as_str()),
            ItemList::ScaleUnits => When::Is(&FNO_COMMERCE, crate::answers::YesNo::Yes.as_str()),
            ItemList::BcEnvironments => When::Is(&BC_USED, crate::answers::YesNo::Yes.as_str()),
        }
    }

    /// Number of items.
    pub fn len(self, a: &Answers) -> usize {
        with_list!(self, a, |v| v.len())
    }

    /// `(id, name)` of item `index`.
    pub fn item(self, a: &Answers, index: usize) -> Option<(&str, &str)> {
        with_list!(self, a, |v| v.get(index).map(|e| (e.id(), e.name())))
    }

    /// `(id, name)` of every item.
    pub fn items(self, a: &Answers) -> Vec<(String, String)> {
        with_list!(self, a, |v| v
            .iter()
            .map(|e| (e.id().to_owned(), e.name().to_owned()))
            .collect())
    }

    /// Adds an item with a fresh id (`env-1`, `env-2`, …, reusing a free number); returns the id.
    pub fn add(self, a: &mut Answers, name: String) -> String {
        let taken = self.items(a);
        let id = (1..)
            .map(|n| format!("{}-{n}", self.slug()))
            .find(|id| taken.iter().all(|(t, _)| t != id))
            .unwrap_or_else(|| format!("{}-x", self.slug()));
        with_list!(mut self, a, |v| v.push(Named::named(id.clone(), name)));
        id
    }

    /// Renames item `index`; `false` if there is no such item.
    pub fn rename(self, a: &mut Answers, index: usize, name: String) -> bool {
        with_list!(mut self, a, |v| match v.get_mut(index) {
            Some(item) => {
                *item.name_mut() = name;
                true
            }
            None => false,
        })
    }

    /// Removes item `index`; links to a removed environment become "not known" rather than
    /// dangling. `false` if there is no such item.
    pub fn remove(self, a: &mut Answers, index: usize) -> bool {
        if index >= self.len(a) {
            return false;
        }
        let gone = with_list!(mut self, a, |v| v.remove(index).id().to_owned());
        if self == ItemList::Environments {
            for link in a
                .finance_operations
                .environments
                .iter_mut()
                .map(|e| &mut e.linked_environment)
                .chain(
                    a.business_central
                        .environments
                        .iter_mut()
                        .map(|e| &mut e.linked_environment),
                )
            {
                if link.as_deref() == Some(gone.as_str()) {
                    *link = None;
                }
            }
        }
        true
    }

    /// Links item `index` (of a list whose items link to an environment) to the environment with
    /// id `target` (`"unknown"`: "I don't know"; `None`: not answered). `false` for a list
    /// without links, a missing item or an environment that doesn't exist.
    pub fn link(self, a: &mut Answers, index: usize, target: Option<String>) -> bool {
        if target
            .as_ref()
            .is_some_and(|t| t != UNKNOWN && !a.environments.iter().any(|e| &e.id == t))
        {
            return false;
        }
        let slot = match self {
            ItemList::FoEnvironments => a
                .finance_operations
                .environments
                .get_mut(index)
                .map(|e| &mut e.linked_environment),
            ItemList::BcEnvironments => a
                .business_central
                .environments
                .get_mut(index)
                .map(|e| &mut e.linked_environment),
            ItemList::Environments | ItemList::ScaleUnits => None,
        };
        match slot {
            Some(s) => {
                *s = target;
                true
            }
            None => false,
        }
    }

    /// The environment id item `index` links to, for lists whose items link to one.
    pub fn linked(self, a: &Answers, index: usize) -> Option<&str> {
        match self {
            ItemList::FoEnvironments => a
                .finance_operations
                .environments
                .get(index)?
                .linked_environment
                .as_deref(),
            ItemList::BcEnvironments => a
                .business_central
                .environments
                .get(index)?
                .linked_environment
                .as_deref(),
            ItemList::Environments | ItemList::ScaleUnits => None,
        }
    }

    /// That link in words: the environment's name, or "I don't know"; `None` when it isn't
    /// answered. (Valid answers link only to environments that exist; an id that doesn't shows
    /// as itself.)
    pub fn linked_name(self, a: &Answers, index: usize) -> Option<String> {
        self.linked(a, index).map(|id| match id {
            UNKNOWN => "I don't know".to_owned(),
            id => a
                .environments
                .iter()
                .find(|e| e.id == id)
                .map_or_else(|| id.to_owned(), |e| e.name.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_rename_remove_keep_ids_unique_and_links_clean() {
        let mut a = Answers::default();
        assert_eq!(ItemList::Environments.add(&mut a, "Prod".into()), "env-1");
        assert_eq!(ItemList::Environments.add(&mut a, "UAT".into()), "env-2");
        ItemList::FoEnvironments.add(&mut a, "FO".into());
        ItemList::BcEnvironments.add(&mut a, "BC".into());
        assert!(ItemList::FoEnvironments.link(&mut a, 0, Some("env-1".into())));
        assert!(ItemList::BcEnvironments.link(&mut a, 0, Some("env-1".into())));
        assert!(!ItemList::FoEnvironments.link(&mut a, 0, Some("ghost".into())));
        assert!(!ItemList::ScaleUnits.link(&mut a, 0, Some("env-1".into())));
        assert!(ItemList::Environments.remove(&mut a, 0));
        assert_eq!(ItemList::FoEnvironments.linked(&a, 0), None);
        assert_eq!(ItemList::BcEnvironments.linked(&a, 0), None);
        assert!(
            a.clone().validate().is_ok(),
            "answers stay valid after removal"
        );
        assert_eq!(
            ItemList::Environments.add(&mut a, "New".into()),
            "env-1",
            "a free id is reused"
        );
        assert!(ItemList::Environments.rename(&mut a, 1, "Renamed".into()));
        assert_eq!(a.environments[1].name, "Renamed");
        assert!(!ItemList::Environments.rename(&mut a, 9, "x".into()));
        assert!(!ItemList::ScaleUnits.remove(&mut a, 0));
    }

    #[test]
    fn scopes_and_lists_correspond() {
        for list in ItemList::ALL {
            assert_eq!(ItemList::of_scope(list.scope()), Some(list));
        }
        assert_eq!(ItemList::of_scope(Scope::Tenant), None);
    }
}
