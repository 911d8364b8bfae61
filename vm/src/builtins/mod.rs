//! Builtin types and the builtins module, one file per type.
//! Each file has an `init(vm)` called from `crate::init` that fills its type's namespace.
pub mod object;
pub mod typeobj;
pub mod function;
pub mod descriptors;
pub mod exceptions;
pub mod int;
pub mod float;
pub mod complex;
pub mod numeric;
pub mod str;
pub mod format;
pub mod bytes;
pub mod str_bytes_methods;
#[cfg(test)]
mod str_cases_test;
pub mod str_codecs;
pub mod str_codec_tables;
pub mod str_format;
pub mod str_memoryview;
pub mod str_methods;
pub mod str_percent;
pub mod str_repr;
pub mod str_unicode_tables;
pub mod str_util;
pub mod list;
pub mod tuple;
pub mod dict;
pub mod set;
pub mod range;
pub mod iterators;
pub mod type_call;
pub mod functions;
pub mod container_helpers;
pub mod sort;
pub mod dict_views;
