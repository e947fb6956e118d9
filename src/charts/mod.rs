//! Drawing the charts and reading them back: components own the charts; this module paints them
//! and maps the pointer and the keys to what is under them.

pub mod axis;
pub mod lane_columns;
pub mod palette;
pub mod readout;
pub mod timeline_drawing;
