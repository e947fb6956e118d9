//! The objects a lane's worker waited on, each named once ("Lock at 0x7f3a…"): an event carries
//! an [`ObjectRef`] rather than the text, so events stay small and `Copy`, and a lane's memory
//! stays bounded whatever the run's length (at most [`MOST_OBJECT_NAMES`] names a lane).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How many objects a lane names; an event on any further object names none.
pub const MOST_OBJECT_NAMES: usize = 256;

/// Which of its lane's named objects an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObjectRef(u16);

/// A lane's object names, shared between copies of the lane until a new one is added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectNames(Arc<Vec<Arc<str>>>);

impl ObjectNames {
    /// The reference to `name`, named now if it is new; `None` once the lane has named
    /// [`MOST_OBJECT_NAMES`] objects.
    pub fn refer_to(&mut self, name: &str) -> Option<ObjectRef> {
        if let Some(known) = self.0.iter().position(|named| &**named == name) {
            return Some(ObjectRef(known as u16));
        }
        if self.0.len() == MOST_OBJECT_NAMES {
            return None;
        }
        Arc::make_mut(&mut self.0).push(Arc::from(name));
        Some(ObjectRef((self.0.len() - 1) as u16))
    }

    /// The name `object` refers to.
    pub fn name(&self, object: ObjectRef) -> Option<&str> {
        self.0.get(usize::from(object.0)).map(|name| &**name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_named_once_and_found_again() {
        let mut names = ObjectNames::default();
        let lock = names.refer_to("Lock at 0x10").unwrap();
        let event = names.refer_to("Event at 0x20").unwrap();
        assert_eq!(names.refer_to("Lock at 0x10"), Some(lock));
        assert_eq!((names.name(lock), names.name(event)), (Some("Lock at 0x10"), Some("Event at 0x20")));
    }

    #[test]
    fn a_lane_names_a_bounded_number_of_objects() {
        let mut names = ObjectNames::default();
        for object in 0..MOST_OBJECT_NAMES {
            assert!(names.refer_to(&format!("Lock at {object:#x}")).is_some());
        }
        assert_eq!(names.refer_to("one more"), None);
        assert!(names.refer_to("Lock at 0x0").is_some());
    }
}
