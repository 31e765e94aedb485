//! Connector properties, changed one at a time.

use crate::model::{Arrows, ConnectorProps, LineStyle, Polarity, Relation, Route};

/// One property of a connector, with its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectorField {
    /// Which ends have arrow heads.
    Arrows(Arrows),
    /// Solid or dashed.
    Line(LineStyle),
    /// Straight or curved.
    Route(Route),
    /// What flows along the link (stakeholder maps).
    Relation(Option<Relation>),
    /// How the start affects the end (system maps).
    Polarity(Option<Polarity>),
    /// Whether the effect takes time.
    Delay(bool),
}

impl ConnectorField {
    /// Puts the new value into `props`; returns the field with the value it replaced.
    pub(super) fn swap_into(self, props: &mut ConnectorProps) -> Self {
        match self {
            Self::Arrows(arrows) => Self::Arrows(std::mem::replace(&mut props.arrows, arrows)),
            Self::Line(line) => Self::Line(std::mem::replace(&mut props.line, line)),
            Self::Route(route) => Self::Route(std::mem::replace(&mut props.route, route)),
            Self::Relation(relation) => {
                Self::Relation(std::mem::replace(&mut props.relation, relation))
            }
            Self::Polarity(polarity) => {
                Self::Polarity(std::mem::replace(&mut props.polarity, polarity))
            }
            Self::Delay(delay) => Self::Delay(std::mem::replace(&mut props.delay, delay)),
        }
    }

    /// The changes that turn `from` into `to`, one per property that differs.
    pub fn changes(from: &ConnectorProps, to: &ConnectorProps) -> Vec<Self> {
        let mut changes = Vec::new();
        if from.arrows != to.arrows {
            changes.push(Self::Arrows(to.arrows));
        }
        if from.line != to.line {
            changes.push(Self::Line(to.line));
        }
        if from.route != to.route {
            changes.push(Self::Route(to.route));
        }
        if from.relation != to.relation {
            changes.push(Self::Relation(to.relation.clone()));
        }
        if from.polarity != to.polarity {
            changes.push(Self::Polarity(to.polarity));
        }
        if from.delay != to.delay {
            changes.push(Self::Delay(to.delay));
        }
        changes
    }
}
