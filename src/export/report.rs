//! The workshop report: a board as a Markdown document to send after a workshop. It holds the
//! board's title; the frames in presenting order with their prompts, time boxes, votes and notes
//! (most votes first, then in reading order); the notes in no frame; every persona with every
//! field, its assumptions and evidence marked; empathy maps; the stakeholders on stakeholder
//! rings by ring, and on influence/interest grids by quadrant; and the feedback loops of system
//! maps with their links.

use std::fmt::Write as _;

use crate::edit::PersonaField;
use crate::model::{
    Basis, Board, EmpathyMap, Entry, EntryList, GRID_QUADRANTS, Item, ItemId, ItemKind, Level,
    MAX_LOOPS, Persona, find_loops, loop_tags,
};

/// The report of `board`, as Markdown.
pub fn report(board: &Board) -> String {
    let mut out = String::new();
    let title = if board.title().trim().is_empty() {
        "Untitled board"
    } else {
        board.title()
    };
    let _ = writeln!(out, "# {}\n", inline(title));
    frames(board, &mut out);
    loose_notes(board, &mut out);
    personas(board, &mut out);
    empathy_maps(board, &mut out);
    stakeholders(board, &mut out);
    loops(board, &mut out);
    out
}

/// Text for one line of Markdown: line breaks become spaces, and characters Markdown reads as
/// formatting are escaped.
fn inline(text: &str) -> String {
    escaped(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` with the characters Markdown reads as formatting escaped, so a Markdown app shows
/// what the board shows (line breaks are kept).
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// "3 votes" or "1 vote".
fn votes_text(count: u32) -> String {
    if count == 1 {
        "1 vote".to_owned()
    } else {
        format!("{count} votes")
    }
}

/// A note as a list item, with its votes by voter.
fn note_line(item: &Item, indent: &str, out: &mut String) {
    let ItemKind::Note(note) = &item.kind else {
        return;
    };
    let text = if item.text().trim().is_empty() {
        "(empty note)".to_owned()
    } else {
        inline(item.text())
    };
    let total = note.total_votes();
    let votes = if total == 0 {
        String::new()
    } else {
        let by: Vec<String> = note
            .votes
            .iter()
            .map(|(voter, n)| format!("{} {n}", inline(voter)))
            .collect();
        format!(" — **{}** ({})", votes_text(total), by.join(", "))
    };
    let _ = writeln!(out, "{indent}- {text}{votes}");
}

/// The notes directly in `frame` (or in no frame), most votes first, then in reading order.
fn notes_in(board: &Board, frame: Option<ItemId>) -> Vec<&Item> {
    let mut notes: Vec<&Item> = board
        .items()
        .filter(|item| item.parent == frame && matches!(item.kind, ItemKind::Note(_)))
        .collect();
    notes.sort_by(|a, b| {
        let votes = |item: &Item| match &item.kind {
            ItemKind::Note(note) => note.total_votes(),
            _ => 0,
        };
        votes(b)
            .cmp(&votes(a))
            .then(a.pos.y.total_cmp(&b.pos.y))
            .then(a.pos.x.total_cmp(&b.pos.x))
    });
    notes
}

/// The votes on the notes inside `frame`, at any depth.
fn frame_votes(board: &Board, frame: ItemId) -> u32 {
    board
        .descendants(frame)
        .into_iter()
        .filter_map(|id| board.item(id))
        .map(|item| match &item.kind {
            ItemKind::Note(note) => note.total_votes(),
            _ => 0,
        })
        .fold(0, u32::saturating_add)
}

fn frames(board: &Board, out: &mut String) {
    let frames = board.frames();
    if frames.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Stages and frames\n");
    let total: u32 = frames
        .iter()
        .filter(|frame| frame.parent.is_none())
        .filter_map(|frame| frame.as_frame()?.minutes)
        .sum();
    if total > 0 {
        let _ = writeln!(out, "Time boxes add up to {total} minutes.\n");
    }
    let numbers = board.frame_numbers();
    // Each stage, then the frames inside it, in presenting order.
    let mut ordered: Vec<&Item> = Vec::with_capacity(frames.len());
    let mut pending: Vec<&Item> = frames
        .iter()
        .rev()
        .filter(|frame| frame.parent.is_none())
        .copied()
        .collect();
    while let Some(frame) = pending.pop() {
        ordered.push(frame);
        pending.extend(
            frames
                .iter()
                .rev()
                .filter(|inner| inner.parent == Some(frame.id)),
        );
    }
    for item in ordered {
        let Some(frame) = item.as_frame() else {
            continue;
        };
        let depth = board.ancestors(item.id).count();
        let heading = "#".repeat((3 + depth).min(6));
        let title = if frame.title.trim().is_empty() {
            "Untitled frame".to_owned()
        } else {
            inline(&frame.title)
        };
        let number = numbers.get(&item.id).map_or("", String::as_str);
        let _ = writeln!(out, "{heading} {}\n", Board::numbered(number, &title));
        if !frame.prompt.trim().is_empty() {
            let _ = writeln!(out, "> {}\n", inline(&frame.prompt));
        }
        let mut facts = Vec::new();
        if let Some(minutes) = frame.minutes {
            facts.push(format!("Time box: {minutes} min"));
        }
        let votes = frame_votes(board, item.id);
        if votes > 0 {
            facts.push(format!("Votes: {votes}"));
        }
        if !facts.is_empty() {
            let _ = writeln!(out, "{}\n", facts.join(" · "));
        }
        let notes = notes_in(board, Some(item.id));
        for note in &notes {
            note_line(note, "", out);
        }
        if !notes.is_empty() {
            out.push('\n');
        }
    }
}

fn loose_notes(board: &Board, out: &mut String) {
    let notes = notes_in(board, None);
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Notes in no frame\n");
    for note in notes {
        note_line(note, "", out);
    }
    out.push('\n');
}

/// An entry with its mark: "(assumption)" or "(evidence: interview 3)".
fn marked(entry: &Entry) -> String {
    let mark = match &entry.basis {
        Basis::Unmarked => String::new(),
        Basis::Assumption => " *(assumption)*".to_owned(),
        Basis::Evidence(source) if source.trim().is_empty() => " *(evidence)*".to_owned(),
        Basis::Evidence(source) => format!(" *(evidence: {})*", inline(source)),
    };
    format!("{}{mark}", inline(&entry.text))
}

fn personas(board: &Board, out: &mut String) {
    let personas: Vec<(&Item, &Persona)> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::Persona(persona) => Some((item, persona.as_ref())),
            _ => None,
        })
        .collect();
    if personas.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Personas\n");
    for (item, persona) in personas {
        let name = if persona.name.trim().is_empty() {
            "Unnamed persona".to_owned()
        } else {
            inline(&persona.name)
        };
        let _ = writeln!(out, "### {name}\n");
        persona_fields(item, persona, out);
        out.push('\n');
    }
}

fn persona_fields(item: &Item, persona: &Persona, out: &mut String) {
    for field in PersonaField::ALL {
        let entry = field.of(persona);
        if !entry.is_empty() {
            let _ = writeln!(out, "- **{}:** {}", field.name(), marked(entry));
        }
    }
    if let Some(skills) = persona.digital_skills {
        let _ = writeln!(out, "- **Digital skills:** {skills} of 5");
    }
    if !persona.channels.is_empty() {
        let channels: Vec<&str> = persona.channels.iter().map(|c| c.name()).collect();
        let _ = writeln!(out, "- **Channels:** {}", channels.join(", "));
    }
    for custom in &persona.custom {
        if !custom.value.is_empty() || !custom.label.trim().is_empty() {
            let _ = writeln!(
                out,
                "- **{}:** {}",
                inline(&custom.label),
                marked(&custom.value)
            );
        }
    }
    for list in EntryList::PERSONA {
        entry_list(list.name(), item.kind.entries(list), out);
    }
}

/// A list of entries under its name, when it has any.
fn entry_list(name: &str, entries: &[Entry], out: &mut String) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "- **{name}:**");
    for entry in entries {
        let _ = writeln!(out, "  - {}", marked(entry));
    }
}

fn empathy_maps(board: &Board, out: &mut String) {
    let maps: Vec<&EmpathyMap> = board
        .items()
        .filter_map(|item| match &item.kind {
            ItemKind::EmpathyMap(map) => Some(map.as_ref()),
            _ => None,
        })
        .collect();
    if maps.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Empathy maps\n");
    for map in maps {
        let whose = map.persona.and_then(|id| board.item(id)).map_or_else(
            || "Empathy map".to_owned(),
            |p| format!("Empathy map: {}", inline(p.text())),
        );
        let _ = writeln!(out, "### {whose}\n");
        if !map.goal.trim().is_empty() {
            let _ = writeln!(out, "Goal: {}\n", inline(&map.goal));
        }
        for list in EntryList::EMPATHY {
            entry_list(list.name(), map.list(list), out);
        }
        out.push('\n');
    }
}

fn stakeholders(board: &Board, out: &mut String) {
    let nodes: Vec<&Item> = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::MapNode(_)))
        .collect();
    let rings: Vec<&Item> = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::Rings(_)))
        .collect();
    let grids: Vec<&Item> = board
        .items()
        .filter(|item| matches!(item.kind, ItemKind::InterestGrid))
        .collect();
    let has_grid = !grids.is_empty();
    if nodes.is_empty() || (rings.is_empty() && !has_grid) {
        return;
    }
    let _ = writeln!(out, "## Stakeholders\n");
    for backdrop in rings {
        let ItemKind::Rings(names) = &backdrop.kind else {
            continue;
        };
        let _ = writeln!(out, "### By ring\n");
        for (index, ring) in names.rings.iter().enumerate() {
            let on: Vec<String> = nodes
                .iter()
                .filter(|node| backdrop.ring_at(node.center()) == Some(index))
                .map(|node| inline(node.text()))
                .collect();
            if !on.is_empty() {
                let _ = writeln!(out, "- **{}:** {}", inline(ring), on.join(", "));
            }
        }
        out.push('\n');
    }
    if has_grid {
        let _ = writeln!(out, "### By influence and interest\n");
        let high = |level: Level| matches!(level, Level::High | Level::VeryHigh);
        for (high_influence, high_interest, quadrant) in GRID_QUADRANTS {
            // The nodes placed on a grid (a system map's factors are not stakeholders).
            let in_cell: Vec<String> = nodes
                .iter()
                .filter(|node| {
                    grids
                        .iter()
                        .any(|grid| grid.grid_levels(node.center()).is_some())
                })
                .filter_map(|node| match &node.kind {
                    ItemKind::MapNode(map_node)
                        if high(map_node.influence) == high_influence
                            && high(map_node.interest) == high_interest =>
                    {
                        Some(format!(
                            "{} (influence {}, interest {})",
                            inline(node.text()),
                            map_node.influence.name().to_lowercase(),
                            map_node.interest.name().to_lowercase()
                        ))
                    }
                    _ => None,
                })
                .collect();
            if !in_cell.is_empty() {
                let _ = writeln!(out, "- **{quadrant}:** {}", in_cell.join("; "));
            }
        }
        out.push('\n');
    }
}

fn loops(board: &Board, out: &mut String) {
    let search = find_loops(board.connectors(), MAX_LOOPS);
    if search.loops.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Feedback loops\n");
    let name = |id: ItemId| {
        board
            .item(id)
            .map_or_else(String::new, |item| inline(item.text()))
    };
    for (found, tag) in search.loops.iter().zip(loop_tags(&search.loops)) {
        let mut links = Vec::new();
        for (i, &connector) in found.connectors.iter().enumerate() {
            let Some(link) = board.connector(connector) else {
                continue;
            };
            let sign = match link.props.polarity {
                Some(crate::model::Polarity::Positive) => "+",
                Some(crate::model::Polarity::Negative) => "−",
                _ => "?",
            };
            let label = if link.label.trim().is_empty() {
                String::new()
            } else {
                format!(" “{}”", inline(&link.label))
            };
            let from = found.items.get(i).copied().map(name).unwrap_or_default();
            links.push(format!("{from} ({sign}{label})"));
        }
        let back = found.items.first().copied().map(name).unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{tag}** ({}): {} → {back}",
            found.kind.name().to_lowercase(),
            links.join(" → ")
        );
    }
    if search.capped {
        let _ = writeln!(
            out,
            "\nThe board has more loops than the {MAX_LOOPS} listed."
        );
    }
    out.push('\n');
}
