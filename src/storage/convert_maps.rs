//! Turning connectors, map node types and levels of formats 2 to 4 into the model and back.

use super::v2::{
    ArrowsV2, ConnectorV2, LevelV2, LineV2, NodeTypeV2, PolarityV2, RelationV2, RouteV2,
};
use crate::model::{
    Arrows, Connector, ConnectorProps, Level, LineStyle, NodeType, Polarity, Relation, Route,
};

impl ConnectorV2 {
    /// The file form of a connector.
    pub(super) fn from_connector(connector: &Connector) -> Self {
        let props = &connector.props;
        Self {
            id: connector.id,
            from: connector.from,
            to: connector.to,
            label: connector.label.clone(),
            arrows: match props.arrows {
                Arrows::None => ArrowsV2::Neither,
                Arrows::To => ArrowsV2::To,
                Arrows::From => ArrowsV2::From,
                Arrows::Both => ArrowsV2::Both,
            },
            line: match props.line {
                LineStyle::Solid => LineV2::Solid,
                LineStyle::Dashed => LineV2::Dashed,
            },
            route: match props.route {
                Route::Straight => RouteV2::Straight,
                Route::Curved => RouteV2::Curved,
            },
            relation: props.relation.as_ref().map(|relation| match relation {
                Relation::Information => RelationV2::Information,
                Relation::Money => RelationV2::Money,
                Relation::Service => RelationV2::Service,
                Relation::DataExchange => RelationV2::DataExchange,
                Relation::LegalMandate => RelationV2::LegalMandate,
                Relation::Trust => RelationV2::Trust,
                Relation::Custom(name) => RelationV2::Custom(name.clone()),
            }),
            polarity: props.polarity.map(|polarity| match polarity {
                Polarity::Positive => PolarityV2::Positive,
                Polarity::Negative => PolarityV2::Negative,
                Polarity::Unknown => PolarityV2::Unknown,
            }),
            delay: props.delay,
        }
    }

    /// The connector this file form stands for.
    pub(super) fn into_connector(self) -> Connector {
        let props = ConnectorProps {
            arrows: match self.arrows {
                ArrowsV2::Neither => Arrows::None,
                ArrowsV2::To => Arrows::To,
                ArrowsV2::From => Arrows::From,
                ArrowsV2::Both => Arrows::Both,
            },
            line: match self.line {
                LineV2::Solid => LineStyle::Solid,
                LineV2::Dashed => LineStyle::Dashed,
            },
            route: match self.route {
                RouteV2::Straight => Route::Straight,
                RouteV2::Curved => Route::Curved,
            },
            relation: self.relation.map(|relation| match relation {
                RelationV2::Information => Relation::Information,
                RelationV2::Money => Relation::Money,
                RelationV2::Service => Relation::Service,
                RelationV2::DataExchange => Relation::DataExchange,
                RelationV2::LegalMandate => Relation::LegalMandate,
                RelationV2::Trust => Relation::Trust,
                RelationV2::Custom(name) => Relation::Custom(name),
            }),
            polarity: self.polarity.map(|polarity| match polarity {
                PolarityV2::Positive => Polarity::Positive,
                PolarityV2::Negative => Polarity::Negative,
                PolarityV2::Unknown => Polarity::Unknown,
            }),
            delay: self.delay,
        };
        Connector {
            id: self.id,
            from: self.from,
            to: self.to,
            label: self.label,
            props,
        }
    }
}

impl From<NodeType> for NodeTypeV2 {
    fn from(node_type: NodeType) -> Self {
        match node_type {
            NodeType::CitizenGroup => Self::CitizenGroup,
            NodeType::MunicipalDepartment => Self::MunicipalDepartment,
            NodeType::PublicAgency => Self::PublicAgency,
            NodeType::CivilSociety => Self::CivilSociety,
            NodeType::Business => Self::Business,
            NodeType::ItSystem => Self::ItSystem,
            NodeType::Regulator => Self::Regulator,
            NodeType::Other => Self::Other,
            NodeType::Custom(name) => Self::Custom(name),
        }
    }
}

impl From<NodeTypeV2> for NodeType {
    fn from(node_type: NodeTypeV2) -> Self {
        match node_type {
            NodeTypeV2::CitizenGroup => Self::CitizenGroup,
            NodeTypeV2::MunicipalDepartment => Self::MunicipalDepartment,
            NodeTypeV2::PublicAgency => Self::PublicAgency,
            NodeTypeV2::CivilSociety => Self::CivilSociety,
            NodeTypeV2::Business => Self::Business,
            NodeTypeV2::ItSystem => Self::ItSystem,
            NodeTypeV2::Regulator => Self::Regulator,
            NodeTypeV2::Other => Self::Other,
            NodeTypeV2::Custom(name) => Self::Custom(name),
        }
    }
}

impl From<Level> for LevelV2 {
    fn from(level: Level) -> Self {
        match level {
            Level::Low => Self::Low,
            Level::Medium => Self::Medium,
            Level::High => Self::High,
            Level::VeryHigh => Self::VeryHigh,
        }
    }
}

impl From<LevelV2> for Level {
    fn from(level: LevelV2) -> Self {
        match level {
            LevelV2::Low => Self::Low,
            LevelV2::Medium => Self::Medium,
            LevelV2::High => Self::High,
            LevelV2::VeryHigh => Self::VeryHigh,
        }
    }
}
