//! Options objects from JavaScript (`new Agent(options)`, `new AudioQueue(config)`), read field
//! by field through their JSON.
//!
//! Not serde's deserializer: its machinery (and, through its error messages, the float
//! formatter) was ~7 KB of the gzipped wasm for two small objects. Unknown fields are
//! ignored; `null` or a missing field means "the default".

use crate::json::{self, Value};
use wasm_bindgen::JsValue;

use super::js_error;

pub(crate) struct Options {
    fields: Value,
    /// "Agent options", "AudioQueue config": named in every error.
    what: &'static str,
}

impl Options {
    /// `None` for no options (`undefined`, `null`); an error for anything but a plain object.
    pub(crate) fn read(
        value: JsValue,
        what: &'static str,
    ) -> Result<Option<Options>, js_sys::Error> {
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        let invalid = |why: &str| js_error(&format!("invalid {what}: {why}"));
        if !value.is_object() {
            return Err(invalid("expected an object"));
        }
        let text: String =
            js_sys::JSON::stringify(&value).map_err(|_| invalid("not plain data"))?.into();
        let fields = json::parse(&text).map_err(|e| invalid(&e.to_string()))?;
        Ok(Some(Options { fields, what }))
    }

    pub(crate) fn invalid(&self, why: &str) -> js_sys::Error {
        js_error(&format!("invalid {}: {why}", self.what))
    }

    fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn text(&self, key: &str) -> Result<Option<String>, js_sys::Error> {
        self.field(key)
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| self.invalid(&format!("{key} must be text")))
            })
            .transpose()
    }

    pub(crate) fn flag(&self, key: &str) -> Result<Option<bool>, js_sys::Error> {
        self.field(key)
            .map(|v| {
                v.as_bool().ok_or_else(|| self.invalid(&format!("{key} must be true or false")))
            })
            .transpose()
    }

    pub(crate) fn whole_number(&self, key: &str) -> Result<Option<u64>, js_sys::Error> {
        self.field(key)
            .map(|v| {
                v.as_u64().ok_or_else(|| self.invalid(&format!("{key} must be a whole number")))
            })
            .transpose()
    }

    /// A nested object (`tiers`), read the same way.
    pub(crate) fn object(&self, key: &str) -> Result<Option<Options>, js_sys::Error> {
        self.field(key)
            .map(|v| match v {
                Value::Object(_) => Ok(Options { fields: v.clone(), what: self.what }),
                _ => Err(self.invalid(&format!("{key} must be an object"))),
            })
            .transpose()
    }
}
