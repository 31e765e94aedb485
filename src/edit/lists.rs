//! Lists on items: a persona's goals, needs and custom fields, an empathy map's sections, a
//! backdrop's rings and sectors. Things are added, removed and moved one at a time.

use super::field::FieldError;
use crate::model::{CustomField, Entry, EntryList, ItemKind, Rings};

/// A list on an item that entries are added to, removed from and reordered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListRef {
    /// A persona's list (goals, needs, …) or an empathy map's section.
    Entries(EntryList),
    /// A persona's custom fields.
    Custom,
    /// A stakeholder-rings backdrop's rings, innermost first.
    Rings,
    /// A stakeholder-rings backdrop's sectors, clockwise from the top.
    Sectors,
}

/// Something that goes into a [`ListRef`] list.
#[derive(Clone, Debug, PartialEq)]
pub enum ListValue {
    /// An entry of a persona list or empathy-map section.
    Entry(Entry),
    /// A custom field.
    Custom(CustomField),
    /// A ring's or sector's name.
    Name(String),
}

/// The list `list` of `kind`, with the most and fewest entries it may hold.
enum ListMut<'a> {
    Entries(&'a mut Vec<Entry>),
    Custom(&'a mut Vec<CustomField>),
    Names(&'a mut Vec<String>, usize, usize),
}

impl ListRef {
    fn of(self, kind: &mut ItemKind) -> Result<ListMut<'_>, FieldError> {
        let wrong_kind = FieldError::NotThisKind {
            kind: kind.name(),
            field: self.name(),
        };
        match (self, kind) {
            (Self::Entries(list), kind) => kind
                .entries_mut(list)
                .map(ListMut::Entries)
                .ok_or(wrong_kind),
            (Self::Custom, ItemKind::Persona(persona)) => Ok(ListMut::Custom(&mut persona.custom)),
            (Self::Rings, ItemKind::Rings(rings)) => {
                Ok(ListMut::Names(&mut rings.rings, 1, Rings::MAX_RINGS))
            }
            (Self::Sectors, ItemKind::Rings(rings)) => {
                Ok(ListMut::Names(&mut rings.sectors, 0, Rings::MAX_SECTORS))
            }
            _ => Err(wrong_kind),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Entries(_) => "list entries",
            Self::Custom => "custom fields",
            Self::Rings => "rings",
            Self::Sectors => "sectors",
        }
    }

    /// How many things the list of `kind` holds (0 when the kind has no such list).
    pub fn len(self, kind: &ItemKind) -> usize {
        match (self, kind) {
            (Self::Entries(list), kind) => kind.entries(list).len(),
            (Self::Custom, ItemKind::Persona(persona)) => persona.custom.len(),
            (Self::Rings, ItemKind::Rings(rings)) => rings.rings.len(),
            (Self::Sectors, ItemKind::Rings(rings)) => rings.sectors.len(),
            _ => 0,
        }
    }
}

/// Puts `value` into `list` of `kind` at `index` (at most its length).
pub(super) fn insert(
    kind: &mut ItemKind,
    list: ListRef,
    index: usize,
    value: ListValue,
) -> Result<(), FieldError> {
    let mismatch = || FieldError::OutOfRange("that does not go into this list".to_owned());
    match (list.of(kind)?, value) {
        (ListMut::Entries(entries), ListValue::Entry(entry)) => {
            check_index(index, entries.len() + 1)?;
            entries.insert(index, entry);
        }
        (ListMut::Custom(fields), ListValue::Custom(field)) => {
            check_index(index, fields.len() + 1)?;
            fields.insert(index, field);
        }
        (ListMut::Names(names, _, most), ListValue::Name(name)) => {
            check_index(index, names.len() + 1)?;
            if names.len() >= most {
                return Err(FieldError::OutOfRange(format!(
                    "there can be at most {most} {}",
                    list.name()
                )));
            }
            names.insert(index, name);
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

/// Takes the thing at `index` out of `list` of `kind`, and returns it.
pub(super) fn remove(
    kind: &mut ItemKind,
    list: ListRef,
    index: usize,
) -> Result<ListValue, FieldError> {
    Ok(match list.of(kind)? {
        ListMut::Entries(entries) => {
            check_index(index, entries.len())?;
            ListValue::Entry(entries.remove(index))
        }
        ListMut::Custom(fields) => {
            check_index(index, fields.len())?;
            ListValue::Custom(fields.remove(index))
        }
        ListMut::Names(names, least, _) => {
            check_index(index, names.len())?;
            if names.len() <= least {
                return Err(FieldError::OutOfRange(format!(
                    "there must be at least {least} {}",
                    list.name()
                )));
            }
            ListValue::Name(names.remove(index))
        }
    })
}

/// Moves the thing at `from` in `list` of `kind` to `to`.
pub(super) fn reorder(
    kind: &mut ItemKind,
    list: ListRef,
    from: usize,
    to: usize,
) -> Result<(), FieldError> {
    fn shift<T>(items: &mut Vec<T>, from: usize, to: usize) -> Result<(), FieldError> {
        check_index(from, items.len())?;
        check_index(to, items.len())?;
        let moved = items.remove(from);
        items.insert(to, moved);
        Ok(())
    }
    match list.of(kind)? {
        ListMut::Entries(entries) => shift(entries, from, to),
        ListMut::Custom(fields) => shift(fields, from, to),
        ListMut::Names(names, ..) => shift(names, from, to),
    }
}

fn check_index(index: usize, len: usize) -> Result<(), FieldError> {
    if index < len {
        Ok(())
    } else {
        Err(FieldError::NoEntry { index })
    }
}
