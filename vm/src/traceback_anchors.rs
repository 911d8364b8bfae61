//! Caret anchors for traceback lines (CPython 3.12's
//! `_extract_caret_anchors_from_line_segment`): the segment is parsed as a
//! statement; a binary operation anchors on its operator, a subscript on
//! its brackets and index.

use egret_frontend::ast::{ExprKind, StmtKind};

/// `(left, right)` character offsets within `segment` of the part marked `^`.
pub fn anchors(segment: &str) -> Option<(usize, usize)> {
    let module = egret_frontend::parse_module(segment, "<segment>").ok()?;
    if module.body.len() != 1 {
        return None;
    }
    let StmtKind::Expr(expr) = &module.body[0].kind else { return None };
    // Columns are UTF-8 byte offsets on line 1 of the segment.
    let chars: Vec<char> = segment.chars().collect();
    let to_char = |byte: u32| segment[..(byte as usize).min(segment.len())].chars().count();
    match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            if left.range.end_line != 1 || right.range.line != 1 {
                return None;
            }
            let op_start = to_char(left.range.end_col);
            let op_end = to_char(right.range.col);
            let between: String = chars.get(op_start..op_end)?.iter().collect();
            let operator_offset = between.chars().count() - between.trim_start().chars().count();
            let mut left_anchor = op_start + operator_offset;
            let mut right_anchor = left_anchor + 1;
            let bchars: Vec<char> = between.chars().collect();
            if operator_offset + 1 < bchars.len() && !bchars[operator_offset + 1].is_whitespace() {
                right_anchor += 1;
            }
            while left_anchor < chars.len() && (chars[left_anchor].is_whitespace() || chars[left_anchor] == ')' || chars[left_anchor] == '#') {
                left_anchor += 1;
                right_anchor += 1;
            }
            Some((left_anchor, right_anchor))
        }
        ExprKind::Subscript { value, slice, .. } => {
            if value.range.end_line != 1 || slice.range.end_line != 1 {
                return None;
            }
            let mut left_anchor = to_char(value.range.end_col);
            let mut right_anchor = to_char(slice.range.end_col) + 1;
            while left_anchor < chars.len() && chars[left_anchor] != '[' {
                left_anchor += 1;
            }
            while right_anchor < chars.len() && chars[right_anchor] != ']' {
                right_anchor += 1;
            }
            if right_anchor < chars.len() {
                right_anchor += 1;
            }
            Some((left_anchor, right_anchor))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::anchors;

    #[test]
    fn binary_operators_and_subscripts() {
        assert_eq!(anchors("a + b"), Some((2, 3)));
        assert_eq!(anchors("x ** y"), Some((2, 4)));
        // CPython 3.12 quirk: the second operator char is checked before skipping `)`.
        assert_eq!(anchors("(a) // b"), Some((4, 5)));
        assert_eq!(anchors("d['key']"), Some((1, 8)));
        assert_eq!(anchors("f(x)"), None);
    }
}
