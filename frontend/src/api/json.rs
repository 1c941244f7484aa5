//! JSON both ways, written for this app: answers (already `JSON.parse`d into a
//! JavaScript value) read into our types, and request bodies written as JSON text.
//!
//! In place of serde-wasm-bindgen. Its deserializer's errors spell out what was wrong,
//! and serde's messages can name a float, which alone links Rust's whole float
//! formatter (about 4 KB gzipped) into every download; nobody reads those messages: an
//! answer we can't read is [`super::ApiFailure::Unexpected`] whatever the reason. Its
//! serializer keeps a hash map of JavaScript strings; text is all `fetch` needs.

use std::fmt::Write as _;

use js_sys::{Array, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use serde::forward_to_deserialize_any;
use serde::ser::{self, Impossible, Serialize, Serializer as _};
use wasm_bindgen::{JsCast, JsValue};

/// An answer that isn't what we asked for (or, rarely, a body we can't write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreadable answer")
    }
}

impl std::error::Error for Unreadable {}

impl ser::Error for Unreadable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

// Every way serde reports a problem, without formatting it.
impl de::Error for Unreadable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }

    fn invalid_type(_: Unexpected<'_>, _: &dyn Expected) -> Self {
        Self
    }

    fn invalid_value(_: Unexpected<'_>, _: &dyn Expected) -> Self {
        Self
    }

    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Self
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Self
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Self
    }

    fn missing_field(_: &'static str) -> Self {
        Self
    }

    fn duplicate_field(_: &'static str) -> Self {
        Self
    }
}

/// `value` as a `T`: objects are read as structs or maps, arrays as sequences, strings
/// as strings or unit enum variants, `null` as `None` or `()`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, Unreadable> {
    T::deserialize(Reader(value))
}

struct Reader(JsValue);

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JSON value by kind, sorted out once here rather than in every type's reader.
enum Kind {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Fraction(f64),
    Text(String),
    Items(Items),
    Entries(Entries),
}

fn kind_of(value: JsValue) -> Option<Kind> {
    Some(if value.is_null_or_undefined() {
        Kind::Null
    } else if let Some(flag) = value.as_bool() {
        Kind::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        // Whole numbers as integers, so ids and counts read as `i64` and `u32`.
        if number.trunc() != number || number.abs() > MAX_SAFE_INTEGER {
            Kind::Fraction(number)
        } else if number < 0.0 {
            Kind::Negative(number as i64)
        } else {
            Kind::Unsigned(number as u64)
        }
    } else if let Some(text) = value.as_string() {
        Kind::Text(text)
    } else if Array::is_array(&value) {
        Kind::Items(Items {
            items: value.unchecked_into(),
            next: 0,
        })
    } else if value.is_object() {
        Kind::Entries(Entries {
            entries: Object::entries(value.unchecked_ref()),
            next: 0,
            value: JsValue::UNDEFINED,
        })
    } else {
        return None;
    })
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match kind_of(self.0).ok_or(Unreadable)? {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(flag) => visitor.visit_bool(flag),
            Kind::Unsigned(number) => visitor.visit_u64(number),
            Kind::Negative(number) => visitor.visit_i64(number),
            Kind::Fraction(number) => visitor.visit_f64(number),
            Kind::Text(text) => visitor.visit_string(text),
            Kind::Items(items) => visitor.visit_seq(items),
            Kind::Entries(entries) => visitor.visit_map(entries),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        if self.0.is_null_or_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// Our enums arrive as their variant's name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        let name = self.0.as_string().ok_or(Unreadable)?;
        visitor.visit_enum(IntoDeserializer::<Unreadable>::into_deserializer(name))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        visitor.visit_newtype_struct(self)
    }

    /// Fields we don't know are skipped without being read.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Items {
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Unreadable;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unreadable> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Reader(item)).map(Some)
    }
}

/// An object's `[key, value]` pairs, from `Object.entries`.
struct Entries {
    entries: Array,
    next: u32,
    /// The value of the key read last.
    value: JsValue,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Unreadable;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unreadable> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = entry.get(1);
        seed.deserialize(Reader(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unreadable> {
        seed.deserialize(Reader(std::mem::take(&mut self.value)))
    }
}

/// `value` as JSON text. A field that is `None` is left out, as `JSON.stringify` leaves
/// out `undefined`: the API reads a missing key like `null`, and an optional field left
/// empty (a young person's email) is then not sent at all. Maps become objects.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Unreadable> {
    let mut text = String::new();
    value.serialize(Writer(&mut text))?;
    Ok(text)
}

/// Writes one value onto the end of the text; `None` and `()` write nothing.
struct Writer<'a>(&'a mut String);

impl Writer<'_> {
    /// A string or number as `JSON.stringify` writes it: the browser does the escaping.
    fn stringified(self, value: &JsValue) -> Result<(), Unreadable> {
        let text = js_sys::JSON::stringify(value).map_err(|_| Unreadable)?;
        self.0.push_str(&String::from(text));
        Ok(())
    }

    fn number(self, number: impl std::fmt::Display) -> Result<(), Unreadable> {
        write!(self.0, "{number}").map_err(|_| Unreadable)
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unreadable;
    type SerializeSeq = Elements<'a>;
    type SerializeTuple = Elements<'a>;
    type SerializeTupleStruct = Elements<'a>;
    type SerializeTupleVariant = Impossible<(), Unreadable>;
    type SerializeMap = Members<'a>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Impossible<(), Unreadable>;

    fn serialize_bool(self, value: bool) -> Result<(), Unreadable> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_i16(self, value: i16) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_i32(self, value: i32) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_i64(self, value: i64) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_u8(self, value: u8) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_u16(self, value: u16) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_u32(self, value: u32) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_u64(self, value: u64) -> Result<(), Unreadable> {
        self.number(value)
    }

    fn serialize_f32(self, value: f32) -> Result<(), Unreadable> {
        self.serialize_f64(value.into())
    }

    /// Written by the browser, keeping Rust's float formatter out of the download.
    fn serialize_f64(self, value: f64) -> Result<(), Unreadable> {
        self.stringified(&JsValue::from_f64(value))
    }

    fn serialize_char(self, value: char) -> Result<(), Unreadable> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Unreadable> {
        self.stringified(&JsValue::from_str(value))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unreadable> {
        Err(Unreadable)
    }

    fn serialize_none(self) -> Result<(), Unreadable> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unreadable> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unreadable> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unreadable> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unreadable> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unreadable> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unreadable> {
        let mut fields = self.serialize_map(Some(1))?;
        ser::SerializeStruct::serialize_field(&mut fields, variant, value)?;
        ser::SerializeStruct::end(fields)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Elements<'a>, Unreadable> {
        self.0.push('[');
        Ok(Elements {
            text: self.0,
            first: true,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Elements<'a>, Unreadable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Elements<'a>, Unreadable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unreadable> {
        Err(Unreadable)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Members<'a>, Unreadable> {
        self.0.push('{');
        Ok(Members {
            text: self.0,
            first: true,
            key: String::new(),
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Members<'a>, Unreadable> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unreadable> {
        Err(Unreadable)
    }
}

/// The elements of an array being written.
struct Elements<'a> {
    text: &'a mut String,
    first: bool,
}

impl Elements<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        if !self.first {
            self.text.push(',');
        }
        self.first = false;
        let start = self.text.len();
        value.serialize(Writer(self.text))?;
        // `JSON.stringify` writes `undefined` in an array as `null`.
        if self.text.len() == start {
            self.text.push_str("null");
        }
        Ok(())
    }

    fn close(self) -> Result<(), Unreadable> {
        self.text.push(']');
        Ok(())
    }
}

impl ser::SerializeSeq for Elements<'_> {
    type Ok = ();
    type Error = Unreadable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        self.item(value)
    }

    fn end(self) -> Result<(), Unreadable> {
        self.close()
    }
}

impl ser::SerializeTuple for Elements<'_> {
    type Ok = ();
    type Error = Unreadable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        self.item(value)
    }

    fn end(self) -> Result<(), Unreadable> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Elements<'_> {
    type Ok = ();
    type Error = Unreadable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        self.item(value)
    }

    fn end(self) -> Result<(), Unreadable> {
        self.close()
    }
}

/// The members of an object being written.
struct Members<'a> {
    text: &'a mut String,
    first: bool,
    /// A map's key, written as JSON, waiting for its value.
    key: String,
}

impl Members<'_> {
    /// `"key":value`, or nothing at all when the value writes nothing (`None`).
    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unreadable> {
        let start = self.text.len();
        if !self.first {
            self.text.push(',');
        }
        self.text.push_str(key);
        self.text.push(':');
        let value_start = self.text.len();
        value.serialize(Writer(self.text))?;
        if self.text.len() == value_start {
            self.text.truncate(start);
        } else {
            self.first = false;
        }
        Ok(())
    }

    fn close(self) -> Result<(), Unreadable> {
        self.text.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = Unreadable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unreadable> {
        let mut name = String::new();
        Writer(&mut name).serialize_str(key)?;
        self.member(&name, value)
    }

    fn end(self) -> Result<(), Unreadable> {
        self.close()
    }
}

impl ser::SerializeMap for Members<'_> {
    type Ok = ();
    type Error = Unreadable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unreadable> {
        let mut written = String::new();
        key.serialize(Writer(&mut written))?;
        // Object keys are strings: a number key is quoted.
        self.key = if written.starts_with('"') {
            written
        } else {
            let mut quoted = String::new();
            Writer(&mut quoted).serialize_str(&written)?;
            quoted
        };
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        let key = std::mem::take(&mut self.key);
        self.member(&key, value)
    }

    fn end(self) -> Result<(), Unreadable> {
        self.close()
    }
}
