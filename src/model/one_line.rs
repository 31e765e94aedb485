//! Names, titles and labels are one line: a board never holds line breaks or other control
//! characters in them (only a note's text has lines).

use super::{Connector, Item, ItemKind, NodeType, Relation};

/// `text` on one line: each run of line breaks and other control characters becomes one space,
/// and none are left at the ends. `None` when it has none.
pub fn one_line(text: &str) -> Option<String> {
    if !text.chars().any(char::is_control) {
        return None;
    }
    let mut line = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if c.is_control() {
            in_run = true;
        } else {
            if in_run && !line.is_empty() {
                line.push(' ');
            }
            in_run = false;
            line.push(c);
        }
    }
    Some(line)
}

/// Puts `text` on one line; whether it had to change.
pub fn put_on_one_line(text: &mut String) -> bool {
    match one_line(text) {
        Some(line) => {
            *text = line;
            true
        }
        None => false,
    }
}

impl Item {
    /// The item's one-line texts, each with its name in a board file: a frame's title, a
    /// persona's name, an empathy map's goal, a map node's name and custom type.
    pub(crate) fn one_line_texts_mut(&mut self) -> Vec<(&'static str, &mut String)> {
        match &mut self.kind {
            ItemKind::Frame(frame) => vec![("title", &mut frame.title)],
            ItemKind::Persona(persona) => vec![("name", &mut persona.name)],
            ItemKind::EmpathyMap(map) => vec![("goal", &mut map.goal)],
            ItemKind::MapNode(node) => {
                let mut texts = vec![("label", &mut node.label)];
                if let NodeType::Custom(name) = &mut node.node_type {
                    texts.push(("node_type", name));
                }
                texts
            }
            ItemKind::Note(_)
            | ItemKind::Rings(_)
            | ItemKind::InterestGrid
            | ItemKind::ImpactGrid
            | ItemKind::Stroke(_) => Vec::new(),
        }
    }
}

impl Connector {
    /// The connector's one-line texts, each with its name in a board file: its label and its
    /// custom relation.
    pub(crate) fn one_line_texts_mut(&mut self) -> Vec<(&'static str, &mut String)> {
        let mut texts = vec![("label", &mut self.label)];
        if let Some(Relation::Custom(name)) = &mut self.props.relation {
            texts.push(("relation", name));
        }
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_on_one_line_has_a_space_for_each_run_of_line_breaks() {
        assert_eq!(one_line("Enter test\n").as_deref(), Some("Enter test"));
        assert_eq!(
            one_line("\r\n\tYoung\r\n\tparents\u{7}").as_deref(),
            Some("Young parents")
        );
        assert_eq!(one_line("Građani čekaju"), None);
        assert_eq!(one_line("\n").as_deref(), Some(""));
    }
}
