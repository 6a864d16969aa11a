//! The `understand` harness command (SCAFFOLD).

use serde_json::Value;

/// Handle one input object.
pub fn handle(line: &Value) -> Value {
    super::error_line(&format!("understand not implemented yet: {line}"))
}
