//! The virtual machine: builtin types, singletons, interned strings, and the
//! constructors every other module uses to make values and exceptions.
//!
//! One `Vm` per interpreter; everything takes `&mut Vm`. Builtin types are
//! fields of [`BuiltinTypes`] (`vm.t.int`, `vm.t.list`, ...) and builtin
//! exception classes fields of [`ExceptionTypes`] (`vm.e.type_error`), so the
//! hot paths reach them without a lookup. Types that only one module uses
//! (iterator types, stdlib classes) are created by that module and kept in
//! [`Vm::extra_types`] by name.

use crate::dict::DictData;
use crate::exception::ExceptionData;
use crate::function::{Builtin, BuiltinKind, NativeFn};
use crate::shape::Attrs;
use crate::types::{tdata, type_flags as tf, Layout, TypeData};
use crate::value::{Data, Object, PyRef, PyStr, Value};
use crate::{PyErr, PyResult};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

macro_rules! builtin_types {
    ($($field:ident = $name:literal, $layout:ident, $flags:expr;)*) => {
        /// The builtin types every part of the VM needs quickly.
        pub struct BuiltinTypes { $(pub $field: PyRef,)* }
        impl BuiltinTypes {
            /// Creates the type objects (namespaces empty, bases set by `wire_bases`).
            fn create(type_type: &PyRef) -> BuiltinTypes {
                BuiltinTypes { $($field: raw_type(type_type, $name, Layout::$layout, $flags),)* }
            }
            fn all(&self) -> Vec<PyRef> { vec![$(self.$field.clone(),)*] }
        }
    };
}

const BASE: u32 = tf::BASETYPE;

builtin_types! {
    object = "object", Object, BASE;
    none = "NoneType", Object, 0;
    not_implemented = "NotImplementedType", Object, 0;
    ellipsis = "ellipsis", Object, 0;
    bool_ = "bool", Int, 0;
    int = "int", Int, BASE;
    float = "float", Float, BASE;
    complex = "complex", Complex, BASE;
    str = "str", Str, BASE;
    bytes = "bytes", Bytes, BASE;
    bytearray = "bytearray", ByteArray, BASE;
    tuple = "tuple", Tuple, BASE;
    list = "list", List, BASE;
    dict = "dict", Dict, BASE;
    set = "set", Set, BASE;
    frozenset = "frozenset", FrozenSet, BASE;
    function = "function", Native, 0;
    builtin_function = "builtin_function_or_method", Native, 0;
    method = "method", Native, 0;
    method_descriptor = "method_descriptor", Native, 0;
    classmethod_descriptor = "classmethod_descriptor", Native, 0;
    cell = "cell", Native, 0;
    code = "code", Native, 0;
    module = "module", Module, BASE | tf::HAS_ATTRS;
}

macro_rules! exception_types {
    ($root:ident; $($field:ident = $name:literal < $base:ident;)*) => {
        /// The builtin exception classes.
        pub struct ExceptionTypes { pub $root: PyRef, $(pub $field: PyRef,)* }
        impl ExceptionTypes {
            fn create(type_type: &PyRef, object: &PyRef) -> ExceptionTypes {
                let flags = tf::BASETYPE | tf::HAS_ATTRS | tf::EXCEPTION;
                let $root = raw_type(type_type, "BaseException", Layout::Exception, flags);
                set_bases(&$root, vec![object.clone()]);
                $(
                    let $field = raw_type(type_type, $name, Layout::Exception, flags);
                    set_bases(&$field, vec![$base.clone()]);
                )*
                ExceptionTypes { $root, $($field,)* }
            }
            /// (name, class) of every builtin exception, for the builtins module.
            pub fn all(&self) -> Vec<(&'static str, PyRef)> {
                vec![("BaseException", self.$root.clone()), $(($name, self.$field.clone()),)*]
            }
        }
    };
}

exception_types! {
    base_exception;
    base_exception_group = "BaseExceptionGroup" < base_exception;
    generator_exit = "GeneratorExit" < base_exception;
    keyboard_interrupt = "KeyboardInterrupt" < base_exception;
    system_exit = "SystemExit" < base_exception;
    exception = "Exception" < base_exception;
    arithmetic_error = "ArithmeticError" < exception;
    floating_point_error = "FloatingPointError" < arithmetic_error;
    overflow_error = "OverflowError" < arithmetic_error;
    zero_division_error = "ZeroDivisionError" < arithmetic_error;
    assertion_error = "AssertionError" < exception;
    attribute_error = "AttributeError" < exception;
    buffer_error = "BufferError" < exception;
    eof_error = "EOFError" < exception;
    import_error = "ImportError" < exception;
    module_not_found_error = "ModuleNotFoundError" < import_error;
    lookup_error = "LookupError" < exception;
    index_error = "IndexError" < lookup_error;
    key_error = "KeyError" < lookup_error;
    memory_error = "MemoryError" < exception;
    name_error = "NameError" < exception;
    unbound_local_error = "UnboundLocalError" < name_error;
    os_error = "OSError" < exception;
    blocking_io_error = "BlockingIOError" < os_error;
    child_process_error = "ChildProcessError" < os_error;
    connection_error = "ConnectionError" < os_error;
    broken_pipe_error = "BrokenPipeError" < connection_error;
    connection_aborted_error = "ConnectionAbortedError" < connection_error;
    connection_refused_error = "ConnectionRefusedError" < connection_error;
    connection_reset_error = "ConnectionResetError" < connection_error;
    file_exists_error = "FileExistsError" < os_error;
    file_not_found_error = "FileNotFoundError" < os_error;
    interrupted_error = "InterruptedError" < os_error;
    is_a_directory_error = "IsADirectoryError" < os_error;
    not_a_directory_error = "NotADirectoryError" < os_error;
    permission_error = "PermissionError" < os_error;
    process_lookup_error = "ProcessLookupError" < os_error;
    timeout_error = "TimeoutError" < os_error;
    reference_error = "ReferenceError" < exception;
    runtime_error = "RuntimeError" < exception;
    not_implemented_error = "NotImplementedError" < runtime_error;
    recursion_error = "RecursionError" < runtime_error;
    stop_async_iteration = "StopAsyncIteration" < exception;
    stop_iteration = "StopIteration" < exception;
    syntax_error = "SyntaxError" < exception;
    indentation_error = "IndentationError" < syntax_error;
    tab_error = "TabError" < indentation_error;
    system_error = "SystemError" < exception;
    type_error = "TypeError" < exception;
    value_error = "ValueError" < exception;
    unicode_error = "UnicodeError" < value_error;
    unicode_decode_error = "UnicodeDecodeError" < unicode_error;
    unicode_encode_error = "UnicodeEncodeError" < unicode_error;
    unicode_translate_error = "UnicodeTranslateError" < unicode_error;
    warning = "Warning" < exception;
    bytes_warning = "BytesWarning" < warning;
    deprecation_warning = "DeprecationWarning" < warning;
    encoding_warning = "EncodingWarning" < warning;
    future_warning = "FutureWarning" < warning;
    import_warning = "ImportWarning" < warning;
    pending_deprecation_warning = "PendingDeprecationWarning" < warning;
    resource_warning = "ResourceWarning" < warning;
    runtime_warning = "RuntimeWarning" < warning;
    syntax_warning = "SyntaxWarning" < warning;
    unicode_warning = "UnicodeWarning" < warning;
    user_warning = "UserWarning" < warning;
    exception_group = "ExceptionGroup" < base_exception_group;
}

fn raw_type(type_type: &PyRef, name: &str, layout: Layout, flags: u32) -> PyRef {
    Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: type_type.clone(), attrs: None, data: Data::Type(Box::new(TypeData::new(name, layout, flags))) })
}

/// Sets the bases of a type being built and computes its MRO.
pub fn set_bases(ty: &PyRef, bases: Vec<PyRef>) {
    let mro = crate::types::c3_mro(&bases).expect("builtin hierarchy is consistent");
    for b in &bases {
        tdata(b).subclasses.borrow_mut().push(Rc::downgrade(ty));
    }
    *tdata(ty).bases.borrow_mut() = bases;
    *tdata(ty).mro.borrow_mut() = mro;
    crate::types::invalidate(ty);
}

/// Interpreter-wide settings from the command line and environment.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `-O` level (0, 1 or 2).
    pub optimize: u8,
    /// `-B`: do not write bytecode files (Egret writes none anyway).
    pub dont_write_bytecode: bool,
    /// `-E`/`-I`: ignore PYTHON* environment variables.
    pub ignore_environment: bool,
    pub isolated: bool,
    pub unbuffered: bool,
    pub no_jit: bool,
    pub jit_threshold: u32,
    pub perf: bool,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Every `-X` option as given (for `sys._xoptions`).
    pub xoptions: Vec<String>,
    pub inspect: bool,
}

pub struct Vm {
    pub t: BuiltinTypes,
    pub e: ExceptionTypes,
    /// `type` itself.
    pub type_type: PyRef,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub empty_tuple: Value,
    /// Interned strings by content.
    interned: ahash::AHashMap<Rc<str>, Value>,
    /// The `builtins` module's dict.
    pub builtins: PyRef,
    /// `sys.modules` (a dict object).
    pub modules: PyRef,
    /// Types created by individual modules, by a module-chosen unique name.
    pub extra_types: crate::extra_types::ExtraTypes,
    pub config: Config,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: usize,
    /// Current depth of Python frames (checked against the limit).
    pub recursion_depth: usize,
    /// State owned by the interpreter loop (frames, handled exceptions, ...).
    pub interp: crate::InterpState,
    /// Native modules by name (filled by `egret-stdlib` at start-up): each
    /// function builds and returns the module object.
    pub native_modules: HashMap<String, fn(&mut Vm) -> PyResult<Value>>,
    /// The project's embedded pure-Python modules: name -> (source, is_package).
    pub embedded_sources: HashMap<String, (&'static str, bool)>,
    /// Source text of code not read from a file on disk (embedded modules),
    /// by the filename its code objects carry: tracebacks print lines from it.
    pub source_cache: HashMap<String, Rc<str>>,
}

impl Vm {
    pub fn new(config: Config) -> Vm {
        let type_type = make_type_type();
        let t = BuiltinTypes::create(&type_type);
        let e = ExceptionTypes::create(&type_type, &t.object);
        set_bases(&type_type, vec![t.object.clone()]);
        for ty in t.all() {
            if Rc::ptr_eq(&ty, &t.object) {
                continue;
            }
            if Rc::ptr_eq(&ty, &t.bool_) {
                continue;
            }
            set_bases(&ty, vec![t.object.clone()]);
        }
        // bool's MRO is computed once int's is complete: (bool, int, object).
        set_bases(&t.bool_, vec![t.int.clone()]);
        // ExceptionGroup(BaseExceptionGroup, Exception)
        {
            let eg = &e.exception_group;
            tdata(&e.base_exception_group).subclasses.borrow_mut().retain(|w| w.upgrade().map_or(false, |x| !Rc::ptr_eq(&x, eg)));
            set_bases(eg, vec![e.base_exception_group.clone(), e.exception.clone()]);
        }
        let not_implemented = Value::Obj(Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: t.not_implemented.clone(), attrs: None, data: Data::Empty }));
        let ellipsis = Value::Obj(Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: t.ellipsis.clone(), attrs: None, data: Data::Empty }));
        let empty_tuple = Value::Obj(Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: t.tuple.clone(), attrs: None, data: Data::Tuple(crate::value::TupleItems::Empty) }));
        let builtins = Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: t.dict.clone(), attrs: None, data: Data::Dict(Box::new(RefCell::new(DictData::new()))) });
        let modules = Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: t.dict.clone(), attrs: None, data: Data::Dict(Box::new(RefCell::new(DictData::new()))) });
        let mut vm = Vm {
            t,
            e,
            type_type,
            not_implemented,
            ellipsis,
            empty_tuple,
            interned: ahash::AHashMap::new(),
            builtins,
            modules,
            extra_types: crate::extra_types::ExtraTypes::new(),
            config,
            recursion_limit: 1000,
            recursion_depth: 0,
            interp: Default::default(),
            native_modules: HashMap::new(),
            embedded_sources: HashMap::new(),
            source_cache: HashMap::new(),
        };
        crate::init::init_builtin_types(&mut vm);
        vm
    }

    // ----- types -------------------------------------------------------

    /// `type(v)`.
    #[inline]
    pub fn type_of(&self, v: &Value) -> PyRef {
        match v {
            Value::None => self.t.none.clone(),
            Value::Bool(_) => self.t.bool_.clone(),
            Value::Int(_) => self.t.int.clone(),
            Value::Float(_) => self.t.float.clone(),
            Value::Obj(o) => o.ty.clone(),
        }
    }

    /// `type(v)` without touching reference counts.
    #[inline]
    pub fn type_ref<'a>(&'a self, v: &'a Value) -> &'a PyRef {
        match v {
            Value::None => &self.t.none,
            Value::Bool(_) => &self.t.bool_,
            Value::Int(_) => &self.t.int,
            Value::Float(_) => &self.t.float,
            Value::Obj(o) => &o.ty,
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> Rc<str> {
        tdata(self.type_ref(v)).name()
    }

    /// `isinstance(v, ty)` by MRO only (no `__instancecheck__`).
    #[inline]
    pub fn is_instance(&self, v: &Value, ty: &PyRef) -> bool {
        crate::types::is_subtype(self.type_ref(v), ty)
    }

    /// Creates a builtin type with the given base (`object` if None).
    pub fn new_builtin_type(&mut self, name: &str, base: Option<&PyRef>, layout: Layout, flags: u32) -> PyRef {
        let ty = raw_type(&self.type_type, name, layout, flags);
        set_bases(&ty, vec![base.unwrap_or(&self.t.object).clone()]);
        ty
    }

    /// Stores `value` as attribute `name` in a type's namespace.
    pub fn set_type_attr(&mut self, ty: &PyRef, name: &str, value: Value) {
        let key = self.intern(name);
        let h = crate::hash::str_hash(name);
        let td = tdata(ty);
        let mut d = td.dict.borrow_mut();
        match d.probe(&key, h, 0) {
            crate::dict::Probe::Found(i) => {
                d.replace_value(i, value);
            }
            _ => d.insert_new(h, key, value),
        }
        drop(d);
        crate::types::invalidate(ty);
    }

    /// Adds a native method (binds to instances) to a builtin type.
    pub fn add_method(&mut self, ty: &PyRef, name: &'static str, func: NativeFn) {
        let f = self.new_builtin_kind(name, func, BuiltinKind::Method, Some(ty.clone()));
        self.set_type_attr(ty, name, f);
    }

    /// Adds a native class method to a builtin type.
    pub fn add_classmethod(&mut self, ty: &PyRef, name: &'static str, func: NativeFn) {
        let f = self.new_builtin_kind(name, func, BuiltinKind::ClassMethod, Some(ty.clone()));
        self.set_type_attr(ty, name, f);
    }

    /// Adds a native static method (e.g. `__new__`, which receives the class first).
    pub fn add_staticmethod(&mut self, ty: &PyRef, name: &'static str, func: NativeFn) {
        let f = self.new_builtin_kind(name, func, BuiltinKind::StaticMethod, Some(ty.clone()));
        self.set_type_attr(ty, name, f);
    }

    /// A module-level native function.
    pub fn new_builtin(&mut self, name: &'static str, func: NativeFn) -> Value {
        self.new_builtin_kind(name, func, BuiltinKind::Function, None)
    }

    pub fn new_builtin_kind(&mut self, name: &'static str, func: NativeFn, kind: BuiltinKind, owner: Option<PyRef>) -> Value {
        let ty = match kind {
            BuiltinKind::Method => self.t.method_descriptor.clone(),
            BuiltinKind::ClassMethod => self.t.classmethod_descriptor.clone(),
            _ => self.t.builtin_function.clone(),
        };
        self.alloc(ty, Data::Builtin(Box::new(Builtin { name, func, kind, bound: None, owner, doc: None })))
    }

    // ----- allocation --------------------------------------------------

    /// Allocates an object of type `ty` with `data`; gives it an attribute
    /// store when the type's instances have one.
    ///
    /// (The payload copy here stalls: the caller stores the `Data` in
    /// 8-byte pieces and it is read back in 16-byte ones. Tried: writing
    /// the object in the caller, `#[inline(always)]` with the rest out of
    /// line; inlined into the dispatch loop it made LLVM outline a fast
    /// path there, and fannkuch was 5% slower, A/B. Tried: reading the
    /// payload as 8-byte volatile words before the allocation; CPU time
    /// of nqueens +5%, generators_pipeline +11%.)
    #[inline]
    pub fn alloc(&self, ty: PyRef, data: Data) -> Value {
        let has_attrs = tdata(&ty).has_flag(tf::HAS_ATTRS);
        // The object is allocated before its attribute store (and freed
        // after it), so that with LIFO free lists a new object takes the
        // address of the last one freed, as in CPython.
        let mut o = Object::new_rc(ty, data);
        if has_attrs {
            let obj = Rc::get_mut(&mut o).expect("a new object is unshared");
            let td = tdata(&obj.ty);
            let mut a = Attrs::new(td.instance_shape.clone());
            let nslots = td.slot_names.borrow().len();
            if nslots > 0 {
                a.slots = vec![None; nslots];
            }
            obj.attrs = Some(Box::new(RefCell::new(a)));
        }
        let v = Value::Obj(o);
        crate::gc::track(&v);
        v
    }

    /// An interned str value (one object per distinct content).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(v) = self.interned.get(s) {
            return v.clone();
        }
        let v = self.new_str(s);
        self.interned.insert(s.into(), v.clone());
        v
    }

    #[inline]
    pub fn new_str(&self, s: impl Into<Box<str>>) -> Value {
        Value::Obj(Object::new_rc(self.t.str.clone(), Data::Str(PyStr::new(s))))
    }

    pub fn new_bytes(&self, b: Vec<u8>) -> Value {
        Value::Obj(Object::new_rc(self.t.bytes.clone(), Data::Bytes(b.into_boxed_slice())))
    }

    pub fn new_bytearray(&self, b: Vec<u8>) -> Value {
        Value::Obj(Object::new_rc(self.t.bytearray.clone(), Data::ByteArray(RefCell::new(b))))
    }

    /// An int from a big integer, inline when it fits in an i64.
    pub fn new_bigint(&self, i: BigInt) -> Value {
        match i.to_i64() {
            Some(small) => Value::Int(small),
            None => Value::Obj(Object::new_rc(self.t.int.clone(), Data::Int(i))),
        }
    }

    pub fn new_complex(&self, re: f64, im: f64) -> Value {
        Value::Obj(Object::new_rc(self.t.complex.clone(), Data::Complex(re, im)))
    }

    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        self.new_tuple_items(crate::value::TupleItems::from_vec(items))
    }

    /// A tuple of two items (no intermediate vector). Not inlined: inlined
    /// into the dispatch loop it changed the loop's code (nbody -5%, A/B).
    #[inline(never)]
    pub fn new_pair(&self, a: Value, b: Value) -> Value {
        self.new_tuple_items(crate::value::TupleItems::Two([a, b]))
    }

    /// A new exact tuple of `items` (not empty: the empty tuple is shared),
    /// registered with the collector when an item is (`gc::track_tuple`).
    #[inline(always)]
    pub(crate) fn new_tuple_items(&self, items: crate::value::TupleItems) -> Value {
        let container = crate::gc::any_tracked(&items);
        let o = Object::new_tuple_rc(self.t.tuple.clone(), items);
        if container {
            crate::gc::track_container(&o);
        }
        Value::Obj(o)
    }

    /// A new exact tuple of the top `n` values of `stack` (moved out, in
    /// order): `BUILD_TUPLE` without collecting into a vector first.
    #[inline]
    pub fn new_tuple_from_stack(&self, stack: &mut Vec<Value>, n: usize) -> Value {
        let start = stack.len().saturating_sub(n);
        let items = match stack.len() - start {
            0 => return self.empty_tuple.clone(),
            1 => crate::value::TupleItems::One(stack.pop().unwrap_or_default()),
            2 => {
                let b = stack.pop().unwrap_or_default();
                let a = stack.pop().unwrap_or_default();
                crate::value::TupleItems::Two([a, b])
            }
            k => {
                let mut block = Box::<[Value]>::new_uninit_slice(k);
                // SAFETY: the `k` values at `start..` are moved into the
                // block (bitwise) and the stack forgets them (`set_len`).
                unsafe {
                    std::ptr::copy_nonoverlapping(stack.as_ptr().add(start), block.as_mut_ptr() as *mut Value, k);
                    stack.set_len(start);
                    crate::value::TupleItems::Many(block.assume_init())
                }
            }
        };
        self.new_tuple_items(items)
    }

    /// A new list of the top `n` values of `stack` (moved out, in order).
    #[inline]
    pub fn new_list_from_stack(&self, stack: &mut Vec<Value>, n: usize) -> Value {
        let start = stack.len().saturating_sub(n);
        let k = stack.len() - start;
        let mut items = Vec::with_capacity(k);
        // SAFETY: as in `new_tuple_from_stack`.
        unsafe {
            std::ptr::copy_nonoverlapping(stack.as_ptr().add(start), items.as_mut_ptr(), k);
            items.set_len(k);
            stack.set_len(start);
        }
        self.new_list(items)
    }

    /// A new list of `items`. The vector travels as its three parts, in
    /// registers: passed whole it went through memory and was reloaded in
    /// 16-byte pieces over its 8-byte stores (a store-forwarding stall, 7%
    /// of fannkuch by perf), and the payload is written field by field.
    #[inline(always)]
    pub fn new_list(&self, items: Vec<Value>) -> Value {
        let mut items = std::mem::ManuallyDrop::new(items);
        let (ptr, len, cap) = (items.as_mut_ptr(), items.len(), items.capacity());
        // SAFETY: the parts of a vector given up just above.
        unsafe { self.new_list_parts(ptr, len, cap) }
    }

    /// [`Vm::new_list`] of a vector's parts.
    ///
    /// SAFETY: `(ptr, len, cap)` must be the parts of a `Vec<Value>` that
    /// nothing else owns.
    #[inline(never)]
    unsafe fn new_list_parts(&self, ptr: *mut Value, len: usize, cap: usize) -> Value {
        // SAFETY: forwarded from the caller.
        let o = unsafe { Object::new_list_rc(self.t.list.clone(), ptr, len, cap) };
        crate::gc::track_container(&o);
        Value::Obj(o)
    }

    pub fn new_dict(&self) -> Value {
        Value::Obj(self.new_dict_ref())
    }

    pub fn new_dict_ref(&self) -> PyRef {
        let d = Object::new_rc(self.t.dict.clone(), Data::Dict(Box::new(RefCell::new(DictData::new()))));
        crate::gc::track_container(&d);
        d
    }

    pub fn new_cell(&self, v: Option<Value>) -> PyRef {
        let c = Object::new_rc(self.t.cell.clone(), Data::Cell(RefCell::new(v)));
        crate::gc::track_container(&c);
        c
    }

    /// A frozenset of `items` (hashing them; fails for unhashable items).
    pub fn new_frozenset_from(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut data = crate::set::SetData::new();
        for it in items {
            self.set_data_add(&mut data, it)?;
        }
        Ok(self.alloc(self.t.frozenset.clone(), Data::FrozenSet(Box::new(data))))
    }

    /// A set of `items`.
    pub fn new_set_from(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut data = crate::set::SetData::new();
        for it in items {
            self.set_data_add(&mut data, it)?;
        }
        Ok(self.alloc(self.t.set.clone(), Data::Set(Box::new(RefCell::new(data)))))
    }

    /// Adds `key` to a set table not yet visible to Python code.
    pub fn set_data_add(&mut self, data: &mut crate::set::SetData, key: Value) -> PyResult<bool> {
        let hash = self.hash(&key)?;
        let mut skip = 0;
        loop {
            match data.probe(&key, hash, skip) {
                crate::set::SetProbe::Found(_) => return Ok(false),
                crate::set::SetProbe::Missing(slot) => {
                    data.insert_at(slot, hash, key);
                    return Ok(true);
                }
                crate::set::SetProbe::Compare(_, other) => {
                    if self.eq(&other, &key)? {
                        return Ok(false);
                    }
                    skip += 1;
                }
            }
        }
    }

    /// A new module object named `name` with an empty namespace holding `__name__`.
    pub fn new_module(&mut self, name: &str) -> Value {
        let dict = self.new_dict_ref();
        let m = self.alloc(self.t.module.clone(), Data::Module(Box::new(crate::module::ModuleData { dict: dict.clone() })));
        crate::module::bind_namespace(&m);
        let d = Value::Obj(dict);
        let n = self.new_str(name);
        self.dict_set_str(&d, "__name__", n);
        self.dict_set_str(&d, "__doc__", Value::None);
        m
    }

    /// The namespace dict of a module object.
    pub fn module_dict(&self, module: &Value) -> Option<Value> {
        match module {
            Value::Obj(o) => match &o.data {
                Data::Module(m) => Some(Value::Obj(m.dict.clone())),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds a native function to a module object's namespace.
    pub fn add_module_function(&mut self, module: &Value, name: &'static str, func: NativeFn) {
        let f = self.new_builtin(name, func);
        if let Some(d) = self.module_dict(module) {
            self.dict_set_str(&d, name, f);
        }
    }

    // ----- exceptions --------------------------------------------------

    /// An exception instance of builtin class `ty` with `args`, without
    /// running any Python `__init__`.
    pub fn new_exception(&self, ty: PyRef, args: Vec<Value>) -> Value {
        let args = self.new_tuple(args);
        self.alloc(ty, Data::Exception(Box::new(RefCell::new(ExceptionData::new(args)))))
    }

    /// An exception of class `ty` with one message argument.
    pub fn new_error(&self, ty: &PyRef, msg: impl Into<String>) -> PyErr {
        let m = self.new_str(msg.into());
        PyErr(self.new_exception(ty.clone(), vec![m]))
    }

    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.type_error, msg)
    }
    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.value_error, msg)
    }
    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.index_error, msg)
    }
    pub fn overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.overflow_error, msg)
    }
    pub fn zero_division_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.zero_division_error, msg)
    }
    pub fn runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.runtime_error, msg)
    }
    pub fn not_implemented_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.not_implemented_error, msg)
    }
    pub fn name_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.name_error, msg)
    }
    pub fn os_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.os_error, msg)
    }
    pub fn recursion_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error(&self.e.recursion_error, msg)
    }
    pub fn memory_error(&self) -> PyErr {
        PyErr(self.new_exception(self.e.memory_error.clone(), vec![]))
    }
    /// `KeyError(key)` (the key itself is the argument).
    pub fn key_error(&self, key: Value) -> PyErr {
        PyErr(self.new_exception(self.e.key_error.clone(), vec![key]))
    }
    /// `StopIteration(value)` or bare `StopIteration()` for None.
    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let args = if value.is_none() { vec![] } else { vec![value.clone()] };
        let exc = self.new_exception(self.e.stop_iteration.clone(), args);
        let _ = self.set_attr_raw(&exc, "value", value);
        PyErr(exc)
    }
    /// `AttributeError` with CPython's `name` and `obj` attributes set.
    pub fn attribute_error(&mut self, obj: &Value, name: &str, msg: String) -> PyErr {
        let exc = self.new_error(&self.e.attribute_error, msg).0;
        let n = self.intern(name);
        let _ = self.set_attr_raw(&exc, "name", n);
        let _ = self.set_attr_raw(&exc, "obj", obj.clone());
        PyErr(exc)
    }
    /// "'X' object has no attribute 'y'".
    pub fn no_attribute(&mut self, obj: &Value, name: &str) -> PyErr {
        let msg = match obj.as_type() {
            Some(t) if matches!(obj, Value::Obj(o) if Rc::ptr_eq(&o.ty, &self.type_type) || crate::types::is_subtype(&o.ty, &self.type_type)) => {
                format!("type object '{}' has no attribute '{}'", t.name(), name)
            }
            _ => match obj.as_obj().map(|o| &o.data) {
                Some(Data::Module(_)) => {
                    let mname = self.module_name(obj).unwrap_or_else(|| "?".into());
                    format!("module '{}' has no attribute '{}'", mname, name)
                }
                _ => format!("'{}' object has no attribute '{}'", self.type_name(obj), name),
            },
        };
        self.attribute_error(obj, name, msg)
    }

    /// The `__name__` of a module object, if it has one.
    pub fn module_name(&self, module: &Value) -> Option<String> {
        let Value::Obj(o) = module else { return None };
        let Data::Module(m) = &o.data else { return None };
        let Data::Dict(d) = &m.dict.data else { return None };
        let d = d.borrow();
        d.get_str("__name__", crate::hash::str_hash("__name__")).and_then(|v| v.as_str().map(|s| s.to_string()))
    }

    /// Sets an attribute directly in an object's attribute store (no
    /// descriptors, no `__setattr__`): for attributes the VM itself defines.
    pub fn set_attr_raw(&mut self, obj: &Value, name: &str, value: Value) -> Result<(), ()> {
        let Value::Obj(o) = obj else { return Err(()) };
        let Some(attrs) = &o.attrs else { return Err(()) };
        let key = self.intern(name);
        let mut a = attrs.borrow_mut();
        if let Some(d) = a.dict.clone() {
            drop(a);
            let Some(dd) = d.as_dict() else { return Err(()) };
            let h = crate::hash::str_hash(name);
            let mut dd = dd.borrow_mut();
            match dd.probe(&key, h, 0) {
                crate::dict::Probe::Found(i) => {
                    dd.replace_value(i, value);
                }
                _ => dd.insert_new(h, key, value),
            }
            return Ok(());
        }
        if let Some(i) = a.shape.index_of(name) {
            a.values[i] = value;
        } else {
            let Value::Obj(k) = &key else { return Err(()) };
            let Data::Str(ks) = &k.data else { return Err(()) };
            let name_rc: Rc<str> = Rc::from(&*ks.s);
            a.shape = a.shape.with(&name_rc);
            a.values.push(value);
        }
        Ok(())
    }

    /// Reads an attribute directly from an object's attribute store.
    pub fn get_attr_raw(&self, obj: &Value, name: &str) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        let attrs = o.attrs.as_ref()?;
        let a = attrs.borrow();
        if let Some(d) = &a.dict {
            let dd = d.as_dict()?.borrow();
            return dd.get_str(name, crate::hash::str_hash(name)).cloned();
        }
        a.shape.index_of(name).map(|i| a.values[i].clone())
    }

    /// The payload of an exception object.
    pub fn exception_data<'a>(&self, exc: &'a Value) -> Option<&'a RefCell<ExceptionData>> {
        match exc {
            Value::Obj(o) => match &o.data {
                Data::Exception(e) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }
}

/// `type`, whose type is itself: the one self-referential object (immortal).
fn make_type_type() -> PyRef {
    let mut uninit = Rc::<Object>::new_uninit();
    let p = Rc::get_mut(&mut uninit).expect("unique").as_mut_ptr();
    // SAFETY: every field is initialised before use: `gc`, `attrs` and `data`
    // here, `ty` right after with a second strong reference to the object itself.
    unsafe {
        std::ptr::addr_of_mut!((*p).gc).write(crate::gc::GcIndex::new());
        std::ptr::addr_of_mut!((*p).attrs).write(None);
        std::ptr::addr_of_mut!((*p).data).write(Data::Type(Box::new(TypeData::new("type", Layout::Type, tf::BASETYPE))));
        let raw = Rc::into_raw(uninit) as *const Object;
        Rc::increment_strong_count(raw);
        std::ptr::addr_of_mut!((*(raw as *mut Object)).ty).write(Rc::from_raw(raw));
        Rc::from_raw(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boots_with_consistent_hierarchy() {
        let mut vm = Vm::new(Config::default());
        assert!(vm.is_instance(&Value::bool(true), &vm.t.int.clone()));
        assert!(crate::types::is_subtype(&vm.e.exception_group, &vm.e.exception));
        assert!(Rc::ptr_eq(&vm.type_type.ty, &vm.type_type));
        let s = vm.intern("abc");
        assert!(s.is(&vm.intern("abc")));
        let d = vm.new_dict();
        vm.dict_set(&d, Value::Int(1), Value::Int(10)).unwrap();
        assert!(matches!(vm.dict_get(&d, &Value::float(1.0)).unwrap(), Some(Value::Int(10))));
    }
}
