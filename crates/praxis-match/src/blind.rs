//! Blind indexes of selectors for cross-border hit/no-hit, with an oblivious pseudorandom
//! function (OPRF, RFC 9497, ristretto255-SHA512, base mode, the `voprf` crate).
//!
//! Each organisation turns its selectors (phone numbers, account numbers, passport numbers,
//! normalised name + birth year) into index values `F(k, kind ‖ value)`, where `k` is a key held
//! by one **key holder** and never by the organisations. An organisation *blinds* each selector
//! ([`blind`]) and sends only the blinded group elements; the key holder *evaluates* them
//! ([`KeyHolder::evaluate`]) without learning anything about them (they are uniformly random
//! group elements), and counts and logs each request; the organisation *finalises*
//! ([`finalize`]) to the index value. Index entries carry only the selector's kind and its value
//! (and, on the shared side, the holding organisation's label); two indexes of one epoch are
//! compared with [`compare`], which yields hits: kind + holding organisation, nothing else.
//!
//! Without the key, an index value is a pseudorandom 256-bit string: a peer who receives another
//! organisation's index cannot test guesses offline (as it could with a hash, or an HMAC whose key
//! every peer holds); each guess costs an online, counted, logged evaluation by the key holder.
//! The threat model is written down in `docs/hit-no-hit.md`.
//!
//! The selector's kind is part of the evaluated input, after a fixed protocol label, so values of
//! different kinds never collide ([`Selector::oprf_input`]). The key of each epoch is derived from
//! the key holder's secret seed and the epoch's label ([`KeyHolder::new`]): indexes of different
//! epochs, or of different keys, are unlinkable.
//!
//! *Architecture Invariant:* no I/O here; the caller hands in a cryptographic random generator.

use std::fmt;

use rand_core::{CryptoRng, RngCore};
use voprf::{BlindedElement, EvaluationElement, OprfClient, OprfServer, Ristretto255};

use crate::ident::{self, PartialDate};
use crate::names::{CompareOptions, ParsedName, PersonName, Side};
use crate::normalise::normalise;

/// The protocol label put before every evaluated input (domain separation from any other use of
/// the same key, and between versions of this encoding), and written in a `protocol` column of
/// every file of the exchange so that files of two versions are refused rather than compared.
///
/// Bump it whenever the same selector could give another evaluated input: a change in how
/// phones, accounts or passports are normalised, or in the name skeletons of `name_year`.
/// v1 → v2 (2026-11): the cross-script name rules changed some skeletons.
pub const PROTOCOL_NAME: &str = "praxis/hit-no-hit/v2";

/// [`PROTOCOL_NAME`] as bytes.
pub const PROTOCOL: &[u8] = PROTOCOL_NAME.as_bytes();

/// The length of an index value in bytes (the first half of the OPRF's SHA-512 output).
pub const VALUE_LEN: usize = 32;

/// The length of a key holder's secret seed in bytes.
pub const SEED_LEN: usize = 32;

/// The length of a serialised blinded or evaluated element (a compressed ristretto255 point).
pub const ELEMENT_LEN: usize = 32;

/// The kind of a selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SelectorKind {
    /// A phone number in E.164 form.
    Phone,
    /// An IBAN in electronic form, or an account number's letters and digits in upper case.
    Account,
    /// A passport number's letters and digits in upper case, with the issuing country.
    Passport,
    /// The sorted consonant skeletons of a person's name parts, with the birth year.
    NameYear,
}

impl SelectorKind {
    pub const ALL: [SelectorKind; 4] =
        [SelectorKind::Phone, SelectorKind::Account, SelectorKind::Passport, SelectorKind::NameYear];

    /// The kind's name as written in files: `phone`, `account`, `passport`, `name_year`.
    pub fn name(self) -> &'static str {
        match self {
            SelectorKind::Phone => "phone",
            SelectorKind::Account => "account",
            SelectorKind::Passport => "passport",
            SelectorKind::NameYear => "name_year",
        }
    }
}

impl fmt::Display for SelectorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for SelectorKind {
    type Err = BlindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SelectorKind::ALL
            .into_iter()
            .find(|k| k.name() == s.trim())
            .ok_or_else(|| BlindError::UnknownKind(s.to_owned()))
    }
}

/// Why a selector, a key or a message could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlindError {
    #[error("unknown selector kind {0:?} (expected phone, account, passport or name_year)")]
    UnknownKind(String),
    #[error("{0}")]
    Ident(#[from] ident::IdentError),
    #[error("no letters or digits in {0:?}")]
    Empty(String),
    #[error("{0:?} is too short to be an account number (at least 6 letters or digits)")]
    ShortAccount(String),
    #[error("the issuing country {0:?} is not an ISO 3166-1 alpha-2 code (two letters, such as PK)")]
    Country(String),
    #[error("{0}")]
    Name(String),
    #[error("the epoch label is empty")]
    EmptyEpoch,
    #[error("a key holder's seed is {SEED_LEN} bytes; this one is {0}")]
    SeedLength(usize),
    #[error("not a valid blinded or evaluated element (a {ELEMENT_LEN}-byte ristretto255 point)")]
    Element,
    #[error("not a valid blinding state")]
    State,
}

/// A normalised selector: its kind and its canonical value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Selector {
    kind: SelectorKind,
    value: String,
}

impl Selector {
    /// A phone number, read as [`ident::phone_e164`] does (`default_region` for numbers without
    /// a country code): `0300-1234567` in PK and `+92 300 1234567` give the same selector.
    pub fn phone(text: &str, default_region: &str) -> Result<Self, BlindError> {
        Ok(Self { kind: SelectorKind::Phone, value: ident::phone_e164(text, default_region)? })
    }

    /// An account number: an IBAN (checked) in electronic form, else its letters and digits in
    /// upper case (at least 6).
    pub fn account(text: &str) -> Result<Self, BlindError> {
        let value = match ident::iban(text) {
            Ok(iban) => iban,
            Err(_) => {
                let v = alphanumeric(text).to_uppercase();
                if v.is_empty() {
                    return Err(BlindError::Empty(text.to_owned()));
                }
                if v.chars().count() < 6 {
                    return Err(BlindError::ShortAccount(text.to_owned()));
                }
                v
            }
        };
        Ok(Self { kind: SelectorKind::Account, value })
    }

    /// A passport number (letters and digits, upper case) with its issuing country (ISO 3166-1
    /// alpha-2): `PK:AB1234567`.
    pub fn passport(number: &str, country: &str) -> Result<Self, BlindError> {
        let n = alphanumeric(number).to_uppercase();
        if n.is_empty() {
            return Err(BlindError::Empty(number.to_owned()));
        }
        let c = country.trim().to_ascii_uppercase();
        if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
            return Err(BlindError::Country(country.to_owned()));
        }
        Ok(Self { kind: SelectorKind::Passport, value: format!("{c}:{n}") })
    }

    /// A person's name and birth year: the consonant skeletons of the name's parts (the same in
    /// every script; spelling variants unified by the name dictionary), sorted, and the year, so
    /// "Mohammad Ali Khan" and "محمد علی خان", both born in 1985, give the same selector. An empty
    /// or script-less name is an error, never a selector.
    pub fn name_year(name: &PersonName, year: u16) -> Result<Self, BlindError> {
        let parsed = ParsedName::parse(name, Side::Left, CompareOptions::default())
            .map_err(|e| BlindError::Name(e.to_string().replace("the left name", "the name")))?;
        let mut parts: Vec<&str> = parsed.skeletons().filter(|s| !s.is_empty()).collect();
        if parts.is_empty() {
            return Err(BlindError::Name("the name has no letters to index".to_owned()));
        }
        parts.sort_unstable();
        Ok(Self { kind: SelectorKind::NameYear, value: format!("{}|{year}", parts.join(" ")) })
    }

    /// A name and a (partial) birth date as written; only the year is used.
    pub fn name_birth(name: &PersonName, birth_date: &str) -> Result<Self, BlindError> {
        let date = PartialDate::parse(birth_date)?;
        Self::name_year(name, date.year())
    }

    pub fn kind(&self) -> SelectorKind {
        self.kind
    }

    /// The canonical value (secret: it never leaves the organisation).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The bytes evaluated by the OPRF: the protocol label, the kind and the value, each
    /// length-prefixed, so that no two (kind, value) pairs give the same input.
    pub fn oprf_input(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(PROTOCOL.len() + self.value.len() + 16);
        for part in [PROTOCOL, self.kind.name().as_bytes(), self.value.as_bytes()] {
            out.extend_from_slice(&(part.len() as u16).to_be_bytes());
            out.extend_from_slice(part);
        }
        out
    }

    /// Rebuild a selector from its kind and canonical value (as kept in an organisation's
    /// private state file).
    pub fn from_parts(kind: SelectorKind, value: &str) -> Result<Self, BlindError> {
        if value.is_empty() {
            return Err(BlindError::Empty(value.to_owned()));
        }
        Ok(Self { kind, value: value.to_owned() })
    }
}

fn alphanumeric(s: &str) -> String {
    normalise(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A fresh secret seed for a key holder.
pub fn generate_seed<R: RngCore + CryptoRng>(rng: &mut R) -> [u8; SEED_LEN] {
    let mut seed = [0u8; SEED_LEN];
    rng.fill_bytes(&mut seed);
    seed
}

/// The key holder of one epoch: the OPRF key derived from its secret seed and the epoch label
/// (RFC 9497 DeriveKeyPair with the label as `info`).
pub struct KeyHolder {
    server: OprfServer<Ristretto255>,
    epoch: String,
}

impl KeyHolder {
    pub fn new(seed: &[u8], epoch: &str) -> Result<Self, BlindError> {
        if seed.len() != SEED_LEN {
            return Err(BlindError::SeedLength(seed.len()));
        }
        let epoch = epoch.trim();
        if epoch.is_empty() {
            return Err(BlindError::EmptyEpoch);
        }
        let mut info = PROTOCOL.to_vec();
        info.extend_from_slice(b" epoch ");
        info.extend_from_slice(epoch.as_bytes());
        let server = OprfServer::<Ristretto255>::new_from_seed(seed, &info).map_err(|_| BlindError::State)?;
        Ok(Self { server, epoch: epoch.to_owned() })
    }

    pub fn epoch(&self) -> &str {
        &self.epoch
    }

    /// Evaluate one blinded element. The key holder learns nothing of the selector: a blinded
    /// element is a uniformly random group element, fresh for every request.
    pub fn evaluate(&self, blinded: &[u8]) -> Result<[u8; ELEMENT_LEN], BlindError> {
        let element =
            BlindedElement::<Ristretto255>::deserialize(blinded).map_err(|_| BlindError::Element)?;
        let evaluated = self.server.blind_evaluate(&element);
        Ok(to_array(&evaluated.serialize()))
    }

    /// The index value of a selector computed directly with the key (for tests and for the key
    /// holder's own checks; organisations use [`blind`] and [`finalize`]).
    pub fn direct(&self, selector: &Selector) -> Result<IndexValue, BlindError> {
        let out = self.server.evaluate(&selector.oprf_input()).map_err(|_| BlindError::State)?;
        Ok(IndexValue(to_array(&out[..VALUE_LEN])))
    }
}

fn to_array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&bytes[..N]);
    a
}

/// What an organisation keeps between blinding and finalising: the blinding scalar. Secret.
#[derive(Clone)]
pub struct BlindState([u8; 32]);

impl BlindState {
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, BlindError> {
        OprfClient::<Ristretto255>::deserialize(bytes).map_err(|_| BlindError::State)?;
        Ok(Self(to_array(bytes)))
    }
}

/// Blind a selector: the state to keep, and the blinded element to send to the key holder.
pub fn blind<R: RngCore + CryptoRng>(
    selector: &Selector,
    rng: &mut R,
) -> Result<(BlindState, [u8; ELEMENT_LEN]), BlindError> {
    let r = OprfClient::<Ristretto255>::blind(&selector.oprf_input(), rng).map_err(|_| BlindError::State)?;
    Ok((BlindState(to_array(&r.state.serialize())), to_array(&r.message.serialize())))
}

/// Unblind the key holder's answer into the selector's index value.
pub fn finalize(selector: &Selector, state: &BlindState, evaluated: &[u8]) -> Result<IndexValue, BlindError> {
    let client = OprfClient::<Ristretto255>::deserialize(&state.0).map_err(|_| BlindError::State)?;
    let element =
        EvaluationElement::<Ristretto255>::deserialize(evaluated).map_err(|_| BlindError::Element)?;
    let out = client.finalize(&selector.oprf_input(), &element).map_err(|_| BlindError::State)?;
    Ok(IndexValue(to_array(&out[..VALUE_LEN])))
}

/// A blind index value: 32 bytes, written as 64 lower-case hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndexValue(pub [u8; VALUE_LEN]);

impl IndexValue {
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    pub fn from_hex(s: &str) -> Option<Self> {
        from_hex(s).filter(|b| b.len() == VALUE_LEN).map(|b| Self(to_array(&b)))
    }
}

/// Lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Bytes from hex (either case); `None` for anything else.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if s.len() & 1 == 1 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

/// One entry of a shared index: the holding organisation's label, the kind, the value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndexEntry {
    pub organisation: String,
    pub kind: SelectorKind,
    pub value: IndexValue,
}

/// A hit: one of `mine` has the same kind and value as an entry held by `held_by`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The index (position) of the entry in `mine`.
    pub mine: usize,
    pub kind: SelectorKind,
    pub held_by: String,
}

/// Compare one's own index values with the entries of other organisations' indexes (of the same
/// epoch): the hits, in order of `mine`, one per holding organisation. Nothing else is learned.
pub fn compare(mine: &[(SelectorKind, IndexValue)], theirs: &[IndexEntry]) -> Vec<Hit> {
    let mut by_value: rustc_hash::FxHashMap<(SelectorKind, IndexValue), Vec<&str>> = Default::default();
    for e in theirs {
        by_value.entry((e.kind, e.value)).or_default().push(&e.organisation);
    }
    let mut hits = Vec::new();
    for (i, key) in mine.iter().enumerate() {
        if let Some(orgs) = by_value.get(key) {
            let mut orgs = orgs.clone();
            orgs.sort_unstable();
            orgs.dedup();
            hits.extend(orgs.into_iter().map(|o| Hit { mine: i, kind: key.0, held_by: o.to_owned() }));
        }
    }
    hits
}
