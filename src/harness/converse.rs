//! The `converse` harness command (SCAFFOLD).

use serde_json::Value;

/// Handle one input object.
pub fn handle(line: &Value) -> Value {
    super::error_line(&format!("converse not implemented yet: {line}"))
}
