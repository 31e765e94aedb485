//! Items and connectors as flat sets of named fields (JSON values), the shape they take in the
//! shared document, and back. The fields of an item's kind are those its type has in the
//! board's model, so a new field in the model is shared without further work.

use serde_json::Value;

use crate::model::{
    Connector, ConnectorId, ConnectorProps, EmpathyMap, Frame, Item, ItemId, ItemKind, MapNode,
    Note, PaletteColor, Point, Portrait, Rings, Size, Stroke, StrokeTool, ZKey,
};

/// Named fields, as items and connectors are shared.
pub type Fields = serde_json::Map<String, Value>;

/// The fields every item has; the rest belong to its kind.
const ITEM_KEYS: [&str; 8] = ["kind", "x", "y", "w", "h", "z", "color", "parent"];
/// The fields every connector has; the rest are its look and meaning.
const CONNECTOR_KEYS: [&str; 3] = ["from", "to", "label"];

/// The fields of `item`.
pub fn item_fields(item: &Item) -> Fields {
    let (tag, kind_fields) = split_tagged(to_value(&item.kind));
    let mut fields = Fields::new();
    fields.insert("kind".into(), Value::String(tag));
    fields.insert("x".into(), item.pos.x.into());
    fields.insert("y".into(), item.pos.y.into());
    fields.insert("w".into(), item.size.width.into());
    fields.insert("h".into(), item.size.height.into());
    fields.insert("z".into(), item.z.as_str().into());
    fields.insert("color".into(), to_value(&item.color));
    fields.insert(
        "parent".into(),
        item.parent.map_or(Value::Null, |id| id.to_string().into()),
    );
    fields.extend(kind_fields);
    match &item.kind {
        // One compact text, not a list of thousands of maps (see docs/live-schema.md).
        ItemKind::Stroke(stroke) => {
            fields.insert("points".into(), stroke.points_text().into());
        }
        // One such text per line.
        ItemKind::Persona(persona) => {
            fields.insert("portrait".into(), persona.portrait.line_texts().into());
        }
        _ => {}
    }
    fields
}

/// The item with this id and these fields. Fields the kind has but `fields` lacks take the
/// kind's defaults; fields the kind does not have are ignored.
pub fn item_from_fields(id: ItemId, fields: &Fields) -> Result<Item, String> {
    let tag = fields
        .get("kind")
        .and_then(Value::as_str)
        .ok_or("it has no kind")?;
    let base = default_kind(tag).ok_or_else(|| format!("its kind {tag:?} is not known"))?;
    let (_, mut kind_fields) = split_tagged(to_value(&base));
    for (key, value) in fields {
        if key == "votes" {
            kind_fields.insert(key.clone(), usable_votes(value));
        } else if key == "points" && tag == "Stroke" {
            let text = value.as_str().ok_or("its points are not a text")?;
            let points = Stroke::points_from_text(text)
                .map_err(|problem| format!("its points: {problem}"))?;
            kind_fields.insert(key.clone(), to_value(&points));
        } else if key == "portrait" && tag == "Persona" {
            kind_fields.insert(key.clone(), to_value(&portrait_from(value)?));
        } else if !ITEM_KEYS.contains(&key.as_str()) {
            merge(&mut kind_fields, key, value);
        }
    }
    let kind = if kind_fields.is_empty() {
        Value::String(tag.to_owned())
    } else {
        Value::Object(Fields::from_iter([(tag.to_owned(), kind_fields.into())]))
    };
    let mut kind: ItemKind =
        serde_json::from_value(kind).map_err(|e| format!("its fields: {e}"))?;
    // A position or size that is not a number (JSON has no NaN or infinity) is not usable, and
    // the board moves or resizes the item as it does for a file.
    let number = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_f64)
            .map_or(f32::NAN, |n| n as f32)
    };
    // A client may leave the stacking key out: the item then stacks as the first one did.
    let z: ZKey = match fields.get("z") {
        None | Some(Value::Null) => ZKey::middle(),
        Some(_) => text(fields, "z")?.parse().map_err(|e| format!("{e}"))?,
    };
    let color: PaletteColor =
        serde_json::from_value(fields.get("color").cloned().unwrap_or_default())
            .map_err(|e| format!("its colour: {e}"))?;
    let parent = match fields.get("parent") {
        None | Some(Value::Null) => None,
        Some(value) => Some(parse_id(value, "parent")?),
    };
    let size = Size::new(number("w"), number("h"));
    if let ItemKind::Stroke(stroke) = &mut kind
        && !fields.contains_key("drawn")
    {
        // Without the box it was drawn in, the stroke fills the item as it is.
        stroke.drawn = size;
    }
    Ok(Item {
        id,
        pos: Point::new(number("x"), number("y")),
        size,
        z,
        color,
        kind,
        parent,
    })
}

/// The portrait a persona's shared `portrait` holds: a list of texts, one per line, each as a
/// stroke's points are shared; an error in words when it is not.
fn portrait_from(value: &Value) -> Result<Portrait, String> {
    let lines = value.as_array().ok_or("its portrait is not a list")?;
    let texts = lines
        .iter()
        .map(|line| {
            line.as_str()
                .ok_or("its portrait holds a line that is not a text")
        })
        .collect::<Result<Vec<&str>, &str>>()?;
    Portrait::from_line_texts(texts).map_err(|problem| format!("its {problem}"))
}

/// The fields of `connector`.
pub fn connector_fields(connector: &Connector) -> Fields {
    let mut fields = Fields::new();
    fields.insert("from".into(), connector.from.to_string().into());
    fields.insert("to".into(), connector.to.to_string().into());
    fields.insert("label".into(), connector.label.clone().into());
    if let Value::Object(props) = to_value(&connector.props) {
        fields.extend(props);
    }
    fields
}

/// The connector with this id and these fields; missing look and meaning take the defaults.
pub fn connector_from_fields(id: ConnectorId, fields: &Fields) -> Result<Connector, String> {
    let Value::Object(mut props) = to_value(&ConnectorProps::default()) else {
        return Err("connector defaults".into());
    };
    for (key, value) in fields {
        if !CONNECTOR_KEYS.contains(&key.as_str()) {
            merge(&mut props, key, value);
        }
    }
    let props: ConnectorProps =
        serde_json::from_value(props.into()).map_err(|e| format!("its fields: {e}"))?;
    Ok(Connector {
        id,
        from: parse_id(fields.get("from").unwrap_or(&Value::Null), "from")?,
        to: parse_id(fields.get("to").unwrap_or(&Value::Null), "to")?,
        label: text(fields, "label").unwrap_or_default().to_owned(),
        props,
    })
}

/// A new item of the kind named `tag`, for the defaults of fields a shared item lacks.
fn default_kind(tag: &str) -> Option<ItemKind> {
    Some(match tag {
        "Note" => ItemKind::Note(Note::default()),
        "Persona" => ItemKind::Persona(Box::default()),
        "EmpathyMap" => ItemKind::EmpathyMap(Box::<EmpathyMap>::default()),
        "MapNode" => ItemKind::MapNode(MapNode::default()),
        "Rings" => ItemKind::Rings(Rings::from_names(Rings::PRESETS[0].1)),
        "InterestGrid" => ItemKind::InterestGrid,
        "ImpactGrid" => ItemKind::ImpactGrid,
        "Frame" => ItemKind::Frame(Frame::default()),
        "Stroke" => ItemKind::Stroke(Stroke {
            tool: StrokeTool::Pen,
            drawn: Size::new(1.0, 1.0),
            points: Vec::new(),
        }),
        _ => return None,
    })
}

/// The votes among `value` (a note's shared votes, by voter) that a note can hold: anything
/// else a client wrote there (a count that is not a whole number in range, a name too long) is
/// left out, so one voter's bad entry never costs the note or anyone else's votes.
fn usable_votes(value: &Value) -> Value {
    let Value::Object(votes) = value else {
        return Value::Object(Fields::new());
    };
    votes
        .iter()
        .filter(|(voter, _)| (1..=Note::MAX_VOTER_NAME).contains(&voter.chars().count()))
        .filter(|(voter, _)| !voter.contains(['\n', '\r']))
        .filter_map(|(voter, count)| {
            let count = count
                .as_u64()
                .filter(|&n| (1..=u64::from(Note::MAX_VOTES)).contains(&n))?;
            Some((voter.clone(), Value::from(count)))
        })
        .take(Note::MAX_VOTERS)
        .collect::<Fields>()
        .into()
}

/// Sets `key` to `value`, merging objects field by field so that a shared entry lacking a field
/// keeps that field's default.
fn merge(into: &mut Fields, key: &str, value: &Value) {
    match (into.get_mut(key), value) {
        (Some(Value::Object(base)), Value::Object(over)) => {
            for (key, value) in over {
                merge(base, key, value);
            }
        }
        _ => {
            into.insert(key.to_owned(), value.clone());
        }
    }
}

/// An externally tagged enum value split into its tag and fields.
fn split_tagged(value: Value) -> (String, Fields) {
    match value {
        Value::String(tag) => (tag, Fields::new()),
        Value::Object(outer) => match outer.into_iter().next() {
            Some((tag, Value::Object(fields))) => (tag, fields),
            Some((tag, _)) => (tag, Fields::new()),
            None => (String::new(), Fields::new()),
        },
        _ => (String::new(), Fields::new()),
    }
}

fn to_value(value: &impl serde::Serialize) -> Value {
    // The model's types are plain data with string keys: serialising them cannot fail.
    serde_json::to_value(value).unwrap_or_default()
}

fn text<'a>(fields: &'a Fields, key: &str) -> Result<&'a str, String> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("its {key} is not a text"))
}

fn parse_id<T: std::str::FromStr>(value: &Value, key: &str) -> Result<T, String> {
    value
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| format!("its {key} is not an id"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, IdGen, Persona};

    #[test]
    fn every_kind_of_item_comes_back_as_it_was() {
        let mut ids = IdGen::seeded(7);
        let mut persona = Persona {
            name: "Ana, 34".into(),
            ..Persona::default()
        };
        persona
            .goals
            .push(Entry::evidence("Register a birth", "interview 3"));
        persona.portrait = Portrait::new([vec![
            crate::model::StrokePoint::rounded(30.0, 60.0, Some(0.4)),
            crate::model::StrokePoint::rounded(70.5, 60.0, None),
        ]]);
        let kinds = [
            ItemKind::Note(Note::new("SMS when the request moves")),
            ItemKind::Persona(Box::new(persona)),
            ItemKind::EmpathyMap(Box::default()),
            ItemKind::MapNode(MapNode::default()),
            ItemKind::Rings(Rings::from_names(&["Core", "Direct"])),
            ItemKind::InterestGrid,
            ItemKind::ImpactGrid,
            ItemKind::Frame(Frame::new("Ideation", 2)),
            ItemKind::Note(Note {
                votes: [("facilitator".to_owned(), 2), ("Ана".to_owned(), 1)].into(),
                impact: Some(crate::model::Level::High),
                effort: Some(crate::model::Level::Low),
                ..Note::new("Voted")
            }),
            ItemKind::Frame(Frame {
                prompt: "How might we?".into(),
                minutes: Some(15),
                ..Frame::new("Stage", 1)
            }),
            ItemKind::Stroke(Stroke {
                tool: StrokeTool::Highlighter,
                drawn: Size::new(150.0, 24.0),
                points: vec![
                    crate::model::StrokePoint::rounded(12.0, 12.0, None),
                    crate::model::StrokePoint::rounded(75.5, 12.3, Some(0.62)),
                ],
            }),
        ];
        for kind in kinds {
            let mut item = Item::note(
                ids.item_id(|_| false),
                Point::new(10.5, -3.25),
                ZKey::middle(),
                PaletteColor::Green,
                "",
            );
            item.kind = kind;
            item.parent = Some(ids.item_id(|_| false));
            let back = item_from_fields(item.id, &item_fields(&item)).unwrap();
            assert_eq!(back, item);
        }
    }

    #[test]
    fn a_stroke_shares_its_points_as_one_text_and_bad_points_are_refused() {
        let samples = [
            crate::model::sketch::Sample::new(Point::new(0.0, 0.0), None),
            crate::model::sketch::Sample::new(Point::new(10.0, 4.0), Some(0.5)),
        ];
        let item = Item::stroke(
            ItemId::from_raw(9),
            &samples,
            StrokeTool::Pen,
            ZKey::middle(),
            PaletteColor::Red,
        )
        .unwrap();
        let mut fields = item_fields(&item);
        assert_eq!(fields.get("tool"), Some(&Value::from("Pen")));
        assert_eq!(
            fields.get("points"),
            Some(&Value::from("3.0 3.0 -1.0 13.0 7.0 0.5"))
        );
        fields.remove("drawn");
        let back = item_from_fields(item.id, &fields).unwrap();
        assert_eq!(back, item, "without `drawn` it fills the item");
        for bad in ["1 2", "1 NaN 2"] {
            fields.insert("points".into(), bad.into());
            let error = item_from_fields(item.id, &fields).unwrap_err();
            assert!(error.contains("points"), "{error}");
        }
        fields.insert("points".into(), Value::from(3));
        assert!(item_from_fields(item.id, &fields).is_err());
    }

    #[test]
    fn a_portrait_is_shared_as_one_text_per_line_and_bad_lines_are_refused() {
        let mut persona = Persona::named("Nana");
        persona.portrait = Portrait::new([
            vec![crate::model::StrokePoint::rounded(50.0, 8.0, None)],
            vec![
                crate::model::StrokePoint::rounded(36.0, 66.0, Some(0.3)),
                crate::model::StrokePoint::rounded(64.0, 66.0, None),
            ],
        ]);
        let item = Item::persona(
            ItemId::from_raw(4),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Teal,
            persona,
        );
        let mut fields = item_fields(&item);
        assert_eq!(
            fields.get("portrait"),
            Some(&serde_json::json!([
                "50.0 8.0 -1.0",
                "36.0 66.0 0.3 64.0 66.0 -1.0"
            ]))
        );
        assert_eq!(item_from_fields(item.id, &fields).unwrap(), item);
        fields.remove("portrait");
        let ItemKind::Persona(bare) = item_from_fields(item.id, &fields).unwrap().kind else {
            panic!("a persona");
        };
        assert!(bare.portrait.is_empty(), "no portrait shared: none drawn");
        for bad in [
            serde_json::json!(["1 2 3", "1 2"]),
            serde_json::json!(["1 NaN 3"]),
            serde_json::json!([1, 2, 3]),
            serde_json::json!("1 2 3"),
        ] {
            fields.insert("portrait".into(), bad.clone());
            let error = item_from_fields(item.id, &fields).unwrap_err();
            assert!(error.contains("portrait"), "{bad}: {error}");
        }
    }

    #[test]
    fn missing_fields_take_defaults_and_unknown_ones_are_ignored() {
        let id = ItemId::from_raw(5);
        let fields: Fields = serde_json::from_str(
            r#"{"kind":"Note","x":1,"y":2,"w":240,"h":200,"z":"a0","color":"Yellow",
                "text":"From a browser","votes":{"x":1,"y":-2,"z":1.5,"w":"3","":1},"mood":1}"#,
        )
        .unwrap();
        let item = item_from_fields(id, &fields).unwrap();
        assert_eq!(item.text(), "From a browser");
        // Only the usable vote is kept; the note and its other fields are not lost.
        let ItemKind::Note(note) = &item.kind else {
            panic!("a note")
        };
        assert_eq!(note.votes, [("x".to_owned(), 1)].into());
        assert_eq!(item.parent, None);
        let bad: Fields = serde_json::from_str(r#"{"kind":"Spaceship"}"#).unwrap();
        assert!(
            item_from_fields(id, &bad)
                .unwrap_err()
                .contains("Spaceship")
        );
    }
}
