//! Drawing the charts on canvases. Components own the canvases; this module only paints.

pub mod axis;
pub mod palette;
pub mod timeline_drawing;
