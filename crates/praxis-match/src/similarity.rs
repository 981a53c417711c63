//! String similarities for the hot path: Jaro–Winkler and the optimal-string-alignment distance
//! (Damerau–Levenshtein with adjacent transpositions, each substring edited once) without heap
//! allocation for short strings. They give the same values as `strsim::jaro_winkler` and
//! `strsim::osa_distance` (a property test checks it); entity resolution calls them tens of
//! millions of times.

const STACK: usize = 64;

/// Jaro–Winkler similarity in 0..=1 (prefix scale 0.1, prefix of at most 4, applied when the Jaro
/// similarity exceeds 0.7), as `strsim::jaro_winkler`.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() {
        jw(a.as_bytes(), b.as_bytes())
    } else {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        jw(&x, &y)
    }
}

/// The set of ASCII characters in `s`, for [`jaro_winkler_above`]; bit 0 (NUL, which text does
/// not hold) says that `s` has a character outside ASCII.
pub fn letter_mask(s: &str) -> u128 {
    s.bytes().fold(0u128, |m, c| m | if c < 0x80 { 1u128 << c } else { 1 })
}

/// [`jaro_winkler`] when it can reach `floor`, else 0. A cheap bound on the letters the two
/// strings share (from their [`letter_mask`]s) rules most pairs out without computing the
/// similarity.
pub fn jaro_winkler_above(a: &str, mask_a: u128, b: &str, mask_b: u128, floor: f64) -> f64 {
    jaro_winkler_above_counted((a, mask_a, mask_a.count_ones()), (b, mask_b, mask_b.count_ones()), floor)
}

/// [`jaro_winkler_above`] with each side's mask and number of distinct letters known.
pub(crate) fn jaro_winkler_above_counted(
    (a, mask_a, ones_a): (&str, u128, u32),
    (b, mask_b, ones_b): (&str, u128, u32),
    floor: f64,
) -> f64 {
    if (mask_a | mask_b) & 1 != 0 {
        return jaro_winkler(a, b);
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.is_empty() || y.is_empty() {
        return jw(x, y);
    }
    let shared = (mask_a & mask_b).count_ones() as usize;
    // At most `shared` distinct letters match, plus each side's repeated letters.
    let m = (shared + x.len() - ones_a as usize)
        .min(shared + y.len() - ones_b as usize)
        .min(x.len().min(y.len())) as f64;
    let jaro = (m / x.len() as f64 + m / y.len() as f64 + 1.0) / 3.0;
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count() as f64;
    if jaro + 0.1 * prefix * (1.0 - jaro) < floor {
        return 0.0;
    }
    jw(x, y)
}

/// The [`osa_distance`] when it is at most `k`, else `None`. Each edit changes the counts of the
/// characters by at most 2 in all, so most pairs are ruled out by counting; the rest are computed
/// row by row, stopping as soon as two rows in a row exceed `k` (no later row can come back).
pub fn osa_at_most(a: &str, b: &str, k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k * 4 {
        return None;
    }
    if a.is_ascii() && b.is_ascii() {
        return osa_at_most_ascii(a.as_bytes(), b.as_bytes(), k);
    }
    let d = osa_distance(a, b);
    (d <= k).then_some(d)
}

/// [`osa_at_most`] of two ASCII strings.
pub(crate) fn osa_at_most_ascii(x: &[u8], y: &[u8], k: usize) -> Option<usize> {
    if x.len().abs_diff(y.len()) > k {
        return None;
    }
    let mut counts = [0i16; 128];
    for &c in x {
        counts[usize::from(c & 0x7F)] += 1;
    }
    for &c in y {
        counts[usize::from(c & 0x7F)] -= 1;
    }
    // Each character's difference once (its count is cleared when read).
    let mut l1 = 0usize;
    for &c in x.iter().chain(y) {
        let e = &mut counts[usize::from(c & 0x7F)];
        l1 += usize::from(e.unsigned_abs());
        *e = 0;
    }
    if l1 > 2 * k {
        return None;
    }
    osa_within(x, y, k)
}

/// [`osa`] when at most `k`, else `None`, giving up once two consecutive rows of the table both
/// exceed `k`: every later cell is built from one of those two rows plus a non-negative cost.
fn osa_within(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    const W: usize = 33;
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 || lb >= W {
        let d = osa(a, b);
        return (d <= k).then_some(d);
    }
    let mut rows = [[0usize; W]; 3];
    let (mut two, mut prev, mut cur) = (0, 1, 2);
    for (j, cell) in rows[prev][..=lb].iter_mut().enumerate() {
        *cell = j;
    }
    let mut prev_min = 0;
    for i in 1..=la {
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1).min(rows[cur][j - 1] + 1).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[two][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k && prev_min > k {
            return None;
        }
        prev_min = row_min;
        (two, prev, cur) = (prev, cur, two);
    }
    let d = rows[prev][lb];
    (d <= k).then_some(d)
}

fn jw<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    let j = jaro(a, b);
    if j > 0.7 {
        let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
        (j + 0.1 * prefix as f64 * (1.0 - j)).min(1.0)
    } else {
        j
    }
}

fn jaro<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la == 0 && lb == 0 {
        return 1.0;
    }
    if la == 0 || lb == 0 {
        return 0.0;
    }
    if la == 1 && lb == 1 {
        return if a[0] == b[0] { 1.0 } else { 0.0 };
    }
    let window = (la.max(lb) / 2).saturating_sub(1);
    let mut heap_a;
    let mut heap_b;
    let mut stack_a = [false; STACK];
    let mut stack_b = [false; STACK];
    let (fa, fb): (&mut [bool], &mut [bool]) = if la <= STACK && lb <= STACK {
        (&mut stack_a[..la], &mut stack_b[..lb])
    } else {
        heap_a = vec![false; la];
        heap_b = vec![false; lb];
        (&mut heap_a, &mut heap_b)
    };
    let mut matches = 0usize;
    for (i, x) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(lb);
        for j in lo..hi {
            if !fb[j] && b[j] == *x {
                fa[i] = true;
                fb[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut k = 0;
    for i in 0..la {
        if fa[i] {
            while !fb[k] {
                k += 1;
            }
            if a[i] != b[k] {
                transpositions += 1;
            }
            k += 1;
        }
    }
    let m = matches as f64;
    (m / la as f64 + m / lb as f64 + (m - (transpositions / 2) as f64) / m) / 3.0
}

/// The optimal-string-alignment distance (insertions, deletions, substitutions and transpositions
/// of adjacent characters), as `strsim::osa_distance`.
pub fn osa_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        osa(a.as_bytes(), b.as_bytes())
    } else {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        osa(&x, &y)
    }
}

fn osa<T: PartialEq + Copy>(a: &[T], b: &[T]) -> usize {
    let (la, lb) = (a.len(), b.len());
    if la == 0 {
        return lb;
    }
    if lb == 0 {
        return la;
    }
    // Three rows: two back, previous, current; on the stack for short strings.
    let mut stack = [0usize; 3 * 33];
    let mut heap;
    let rows: &mut [usize] = if lb < 33 {
        &mut stack
    } else {
        heap = vec![0usize; 3 * (lb + 1)];
        &mut heap
    };
    let (mut two, mut prev, mut cur) = (0, lb + 1, 2 * (lb + 1));
    for j in 0..=lb {
        rows[prev + j] = j;
    }
    for i in 1..=la {
        rows[cur] = i;
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev + j] + 1).min(rows[cur + j - 1] + 1).min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[two + j - 2] + 1);
            }
            rows[cur + j] = v;
        }
        (two, prev, cur) = (prev, cur, two);
    }
    rows[prev + lb]
}
