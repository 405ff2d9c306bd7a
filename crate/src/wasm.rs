//! The only `#[wasm_bindgen]` file: thin adapters between JavaScript and the core.
//!
//! Only strings and plain serde structs cross this boundary. Errors come back as `JsError`
//! (never a panic); a panic that does happen is written to the console first, and the shell
//! treats the resulting trap as "re-create the analyser".

use wasm_bindgen::prelude::*;

use crate::model::{Analysis, Audience, Context, Message, Peer, Sender, SignalId};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// NFKD by the JavaScript engine (see `normalise::chars`).
pub(crate) fn nfkd(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKD").into()
}

/// Routes Rust panics to `console.error` so a trap in the shell comes with a reason.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("headsup core panic: {info}"))));
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("headsup: cannot encode result: {e}")))
}

fn parse_audience(audience: &str) -> Result<Audience, JsError> {
    match audience {
        "" | "teen" => Ok(Audience::Teen),
        "adult" => Ok(Audience::Adult),
        other => Err(JsError::new(&format!("headsup: unknown audience {other:?} (teen|adult)"))),
    }
}

// Input is read field by field rather than through serde: serde's error messages format
// floating-point numbers, and that formatting code alone costs the module ~6 KB gzipped.

fn field(item: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(item, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn array(value: &JsValue) -> Result<&js_sys::Array, String> {
    value.dyn_ref::<js_sys::Array>().ok_or_else(|| "expected an array".to_string())
}

/// `[{from?, text?, time?, hasMedia?}]`: missing fields take their defaults (unknown sender,
/// empty text); fields of the wrong type are an error naming the message.
fn parse_batch(batch: &JsValue) -> Result<Vec<Message>, String> {
    let items = array(batch)?;
    let mut out = Vec::with_capacity(items.length() as usize);
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(format!("message {i} is not an object"));
        }
        let optional_string = |key: &str| -> Result<Option<String>, String> {
            let v = field(&item, key);
            if v.is_undefined() || v.is_null() {
                Ok(None)
            } else {
                v.as_string().map(Some).ok_or_else(|| format!("message {i}: {key} must be a string"))
            }
        };
        let from = match optional_string("from")?.as_deref() {
            Some("them") => Sender::Them,
            Some("me") => Sender::Me,
            None | Some("unknown") => Sender::Unknown,
            Some(other) => return Err(format!("message {i}: from must be them, me or unknown, not {other:?}")),
        };
        let has_media = field(&item, "hasMedia");
        let has_media = if has_media.is_undefined() || has_media.is_null() {
            false
        } else {
            has_media.as_bool().ok_or_else(|| format!("message {i}: hasMedia must be true or false"))?
        };
        out.push(Message { from, text: optional_string("text")?.unwrap_or_default(), time: optional_string("time")?, has_media });
    }
    Ok(out)
}

fn parse_texts(texts: &JsValue) -> Result<Vec<String>, String> {
    array(texts)?
        .iter()
        .enumerate()
        .map(|(i, t)| t.as_string().ok_or_else(|| format!("item {i} is not a string")))
        .collect()
}

/// `{stranger?, newThread?}`: each true, false, or absent / null for unknown.
fn parse_peer(value: &JsValue) -> Result<Peer, String> {
    if !value.is_object() {
        return Err("expected an object {stranger?, newThread?}".to_string());
    }
    let flag = |key: &str| -> Result<Option<bool>, String> {
        let v = field(value, key);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else {
            v.as_bool().map(Some).ok_or_else(|| format!("{key} must be true, false or absent"))
        }
    };
    Ok(Peer { stranger: flag("stranger")?, new_thread: flag("newThread")? })
}

fn parse_signal_ids(value: &JsValue) -> Result<Vec<SignalId>, String> {
    parse_texts(value)?
        .iter()
        .map(|name| SignalId::parse(name).ok_or_else(|| format!("unknown sign {name:?}")))
        .collect()
}

/// One conversation being watched. Push messages in page order; read the verdict.
#[wasm_bindgen(js_name = Analyser)]
pub struct WasmAnalyser {
    inner: crate::Analyser,
    /// The verdict last handed to JavaScript, for [`WasmAnalyser::push_changed`].
    last: Option<Analysis>,
}

/// Whether two verdicts say the same, leaving out how many messages were read (that grows with
/// every push; the shell reads it from `messageCount`).
fn same_verdict(a: &Analysis, b: &Analysis) -> bool {
    let Analysis { level, signals, stage, crisis, crisis_messages, message_count: _, languages, families, cues } = a;
    *level == b.level
        && *signals == b.signals
        && *stage == b.stage
        && *crisis == b.crisis
        && *crisis_messages == b.crisis_messages
        && *languages == b.languages
        && *families == b.families
        && *cues == b.cues
}

#[wasm_bindgen(js_class = Analyser)]
impl WasmAnalyser {
    /// `audience`: `"teen"` (default when empty) or `"adult"`. `site`: informational.
    #[wasm_bindgen(constructor)]
    pub fn new(audience: &str, site: Option<String>) -> Result<WasmAnalyser, JsError> {
        let context = Context { audience: parse_audience(audience)?, site };
        Ok(WasmAnalyser { inner: crate::Analyser::new(context), last: None })
    }

    /// Adds a batch (an array of `{from, text, time?, hasMedia?}`) and returns the verdict
    /// (`{level, signals: [{id, reason, messages}], stage, crisis, crisisMessages, messageCount,
    /// languages, families}`).
    pub fn push(&mut self, batch: JsValue) -> Result<JsValue, JsError> {
        let messages = parse_batch(&batch).map_err(|e| JsError::new(&format!("headsup: bad message batch: {e}")))?;
        self.inner.push_batch(messages);
        self.hand_over()
    }

    /// Adds a batch like `push`, but returns the verdict only when it says something new (signs,
    /// messages, level, cues…): `undefined` when it is the one last returned but for the message
    /// count. The shell keeps the last verdict; most messages change nothing, and building the
    /// JavaScript object was most of the cost of a push of one message.
    #[wasm_bindgen(js_name = pushChanged)]
    pub fn push_changed(&mut self, batch: JsValue) -> Result<JsValue, JsError> {
        let messages = parse_batch(&batch).map_err(|e| JsError::new(&format!("headsup: bad message batch: {e}")))?;
        self.inner.push_batch(messages);
        let now = self.inner.result();
        if self.last.as_ref().is_some_and(|last| same_verdict(&now, last)) {
            return Ok(JsValue::UNDEFINED);
        }
        let out = to_js(&now)?;
        self.last = Some(now);
        Ok(out)
    }

    /// The verdict as JavaScript, remembered as the last one handed over.
    fn hand_over(&mut self) -> Result<JsValue, JsError> {
        let now = self.inner.result();
        let out = to_js(&now)?;
        self.last = Some(now);
        Ok(out)
    }

    /// Sets what the page shows about the other person (`{stranger?, newThread?}`, each true,
    /// false or absent for unknown) and returns the verdict re-read with it.
    #[wasm_bindgen(js_name = setPeer)]
    pub fn set_peer(&mut self, peer: JsValue) -> Result<JsValue, JsError> {
        let peer = parse_peer(&peer).map_err(|e| JsError::new(&format!("headsup: bad peer record: {e}")))?;
        self.inner.set_peer(peer);
        self.hand_over()
    }

    /// Lowers the named signs (an array of ids such as `"platform_move"`) to supporting evidence
    /// in this conversation ("This seems wrong") and returns the verdict re-read without them.
    pub fn mute(&mut self, ids: JsValue) -> Result<JsValue, JsError> {
        let ids = parse_signal_ids(&ids).map_err(|e| JsError::new(&format!("headsup: bad sign list: {e}")))?;
        for id in ids {
            self.inner.mute(id);
        }
        self.hand_over()
    }

    /// The verdict so far.
    pub fn result(&mut self) -> Result<JsValue, JsError> {
        self.hand_over()
    }

    /// Messages analysed so far.
    #[wasm_bindgen(getter, js_name = messageCount)]
    pub fn message_count(&self) -> usize {
        self.inner.message_count()
    }
}

/// The normalised form the rules see (for debugging and tests in JS).
#[wasm_bindgen]
pub fn normalise(text: &str) -> String {
    crate::normalise(text)
}

/// Identifiers in the given texts (an array of strings), for the evidence pack:
/// `{handles, emails, phones, payment: {cashtags, paypal, crypto, iban, giftcards}, urls}`.
#[wasm_bindgen(js_name = extractIdentifiers)]
pub fn extract_identifiers(texts: JsValue) -> Result<JsValue, JsError> {
    let texts = parse_texts(&texts).map_err(|e| JsError::new(&format!("headsup: texts must be an array of strings: {e}")))?;
    to_js(&crate::extract::extract_identifiers(&texts))
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
