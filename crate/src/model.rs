//! The data that crosses the engine's boundary: messages in, an explained verdict out.
//!
//! Everything here is plain serde (camelCase on the wire) so the same structs serve the CLI's JSON,
//! the wasm API and the tests.

use serde::{Deserialize, Serialize};

/// Who wrote a message, as the page (or transcript) shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    /// The other person in the chat.
    Them,
    /// The person Heads Up protects.
    Me,
    /// The page did not say; treated as possibly either.
    #[default]
    Unknown,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    /// Who sent it.
    pub from: Sender,
    /// The text as the page shows it (untrusted, any Unicode).
    pub text: String,
    /// When it was sent, as the page shows it (free text; not interpreted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Whether the message carries an image, video or other attachment.
    pub has_media: bool,
}

impl Message {
    /// A text message from `from`.
    pub fn new(from: Sender, text: impl Into<String>) -> Self {
        Message { from, text: text.into(), time: None, has_media: false }
    }
}

/// Who is reading: decides how much grooming-stage talk is worth a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Under 18 (the default): early grooming signs earn a gentle caution.
    #[default]
    Teen,
    /// Adult: flirting and image requests alone are nobody's business.
    Adult,
}

/// Where and for whom a conversation is analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Context {
    /// Teen (default) or adult.
    pub audience: Audience,
    /// The site the chat is on (informational, e.g. `instagram`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// What the page shows about who the other person is. Each cue is unknown (`None`) unless the
/// site shows it; with both unknown the verdict is what the words alone say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Peer {
    /// `Some(true)`: the page marks the other person as a stranger (a message request, "not in
    /// your contacts", no mutual friends or servers, a new account). `Some(false)`: it shows a
    /// known contact or mutual follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stranger: Option<bool>,
    /// `Some(true)`: the beginning of the conversation is on screen with nothing before it.
    /// `Some(false)`: the thread has history before the messages read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_thread: Option<bool>,
}

/// A page cue that raised a verdict's level, so the warning can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// The page marks the other person as a stranger.
    Stranger,
    /// The conversation only just began.
    NewThread,
}

/// How worried the engine is about a conversation, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing to say.
    #[default]
    None,
    /// Early grooming signs: a gentle, dismissible note.
    Caution,
    /// A sextortion attempt is likely.
    Warning,
    /// An active threat or demand, or the user is in distress.
    Urgent,
}

impl Level {
    /// The wire name (`none`, `caution`, `warning`, `urgent`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Caution => "caution",
            Level::Warning => "warning",
            Level::Urgent => "urgent",
        }
    }
}

/// How far along the offenders' script a conversation has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// No messages yet.
    #[default]
    None,
    /// Talking, nothing notable.
    Contact,
    /// Flattery, fast affection, moving to another app.
    Intimacy,
    /// Asking for images or video.
    Request,
    /// Threats, hacking or contacts claims.
    Threat,
    /// Asking for money.
    Demand,
}

macro_rules! signals {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A warning sign the engine can recognise.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum SignalId { $($(#[$doc])* $variant,)* }

        impl SignalId {
            /// Every signal, in declaration order.
            pub const ALL: &'static [SignalId] = &[$(SignalId::$variant,)*];

            /// The wire name (snake_case), as used in rules files and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(SignalId::$variant => $name,)* }
            }

            /// Parses a wire name.
            pub fn parse(name: &str) -> Option<SignalId> {
                match name { $($name => Some(SignalId::$variant),)* _ => None }
            }
        }
    };
}

signals! {
    /// Asks for nudes, sexual photos or video, or to undress on camera.
    SexualRequest = "sexual_request",
    /// Sends an image first, then "your turn".
    ImageFirst = "image_first",
    /// Love, soulmate, "you're so special" early in a conversation.
    RapidIntimacy = "rapid_intimacy",
    /// Asks again after the user said no.
    PressureAfterNo = "pressure_after_no",
    /// Wants to move to another app or a video call; "my camera is broken".
    PlatformMove = "platform_move",
    /// "Don't tell anyone", "delete this chat".
    Secrecy = "secrecy",
    /// Claims to have hacked an account, device or camera, or recorded the user.
    HackingClaim = "hacking_claim",
    /// Claims to have the user's followers, friends, family, school or contacts.
    ContactsClaim = "contacts_claim",
    /// Threatens to send, post or leak images.
    ThreatToShare = "threat_to_share",
    /// Threatens to ruin the user's life or future.
    RuinThreat = "ruin_threat",
    /// Demands money, gift cards, crypto or a transfer.
    PaymentDemand = "payment_demand",
    /// Deadlines, countdowns, "tick tock".
    Urgency = "urgency",
    /// A new account claiming to be someone known, or "is this you in this video?".
    Impersonation = "impersonation",
    /// The mass "I recorded you through your webcam, pay bitcoin" message.
    EmailScam = "email_scam",
    /// A scripted cold opener: found your profile, thanks for accepting my request.
    ColdOpener = "cold_opener",
    /// The user's own messages show fear, pleading or an offer to pay.
    VictimDistress = "victim_distress",
}

impl SignalId {
    /// The i18n key of the plain-words reason the shell shows for this signal.
    pub fn reason_key(self) -> String {
        format!("reason_{}", self.as_str())
    }
}

/// A family of warning signs: what a warning can say was seen. The learned scorer has one head
/// per family, and the shell words its headline by the families a verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// The early script: openers, fast intimacy, image requests, a move to another app, secrecy.
    Grooming,
    /// Threats to share, ruin-your-life threats, hacking and contacts claims, the mass e-mail.
    Coercion,
    /// Demands for money and deadlines.
    Demand,
    /// The user's own words: fear, pleading, having paid, self-harm.
    Distress,
}

impl Family {
    /// Every family, in declaration order (the learned scorer's head order).
    pub const ALL: [Family; 4] = [Family::Grooming, Family::Coercion, Family::Demand, Family::Distress];

    /// The wire name (`grooming`, `coercion`, `demand`, `distress`).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Grooming => "grooming",
            Family::Coercion => "coercion",
            Family::Demand => "demand",
            Family::Distress => "distress",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The family a sign belongs to.
    pub fn of(signal: SignalId) -> Family {
        use SignalId::*;
        match signal {
            SexualRequest | ImageFirst | RapidIntimacy | PressureAfterNo | PlatformMove | Secrecy | Impersonation
            | ColdOpener => Family::Grooming,
            HackingClaim | ContactsClaim | ThreatToShare | RuinThreat | EmailScam => Family::Coercion,
            PaymentDemand | Urgency => Family::Demand,
            VictimDistress => Family::Distress,
        }
    }

    /// The sign a family stands for when only the learned scorer saw it (its hit is listed under
    /// this id, with the family's own reason text).
    pub fn representative(self) -> SignalId {
        match self {
            Family::Grooming => SignalId::SexualRequest,
            Family::Coercion => SignalId::ThreatToShare,
            Family::Demand => SignalId::PaymentDemand,
            Family::Distress => SignalId::VictimDistress,
        }
    }
}

/// A family of signs a verdict rests on, and what saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyHit {
    /// Which family.
    pub family: Family,
    /// A phrase rule found one of its signs.
    pub rules: bool,
    /// The learned scorer read a message as this family's.
    pub learned: bool,
    /// Indices of the messages involved (earliest first, at most [`crate::MAX_INDICES_PER_SIGNAL`]).
    pub messages: Vec<usize>,
}

/// One warning sign found in a conversation, with the messages that showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalHit {
    /// Which sign.
    pub id: SignalId,
    /// The i18n key of the reason to show (`reason_<id>`).
    pub reason: String,
    /// Indices (0-based, in push order) of the messages that showed it; at most
    /// [`crate::MAX_INDICES_PER_SIGNAL`] are kept, earliest first.
    pub messages: Vec<usize>,
}

/// The engine's verdict on a conversation so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// How worried to be.
    pub level: Level,
    /// The signs found, in a stable order (declaration order of [`SignalId`]).
    pub signals: Vec<SignalHit>,
    /// How far the script has come.
    pub stage: Stage,
    /// The user's own words mention self-harm: lead with crisis help.
    pub crisis: bool,
    /// How many of the user's messages mention self-harm. It only grows as messages come, so the
    /// shell can tell new crisis words from old ones and bring crisis help back after a
    /// dismissal (a "not now" never silences words said afterwards).
    #[serde(default)]
    pub crisis_messages: usize,
    /// Messages analysed so far.
    pub message_count: usize,
    /// Languages seen in the conversation (ISO 639-1), most frequent first.
    pub languages: Vec<String>,
    /// The families of signs the level rests on (those within the scoring window), in
    /// declaration order: what the warning can say was seen.
    pub families: Vec<FamilyHit>,
    /// The page cues ([`Peer`]) that raised the level, for the warning's "why" (empty when the
    /// words alone give the same level).
    #[serde(default)]
    pub cues: Vec<Cue>,
}

impl Analysis {
    /// Whether the given sign was found.
    pub fn has(&self, id: SignalId) -> bool {
        self.signals.iter().any(|s| s.id == id)
    }
}
