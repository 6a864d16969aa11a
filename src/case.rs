//! Letter case for what Alex hears and writes: lower case to match words ("ZÜRICH" ->
//! "zürich"), capitals for names and places ("mary ann" -> "Mary Ann").
//!
//! Not `char::to_lowercase` / `to_uppercase`: their Unicode mapping tables cost ~8 KB of
//! gzipped wasm (measured), for text that is English with the odd accented name. The pairs are
//! found a fixed step apart instead (Latin-1, Greek, basic Cyrillic: 32; Latin Extended: 1;
//! Cyrillic Ѐ-Џ: 80; Armenian: 48), checked with the small `is_uppercase` / `is_lowercase`
//! property tables. A letter whose partner is not found that way stays as it is: `lower` and
//! `upper` never give a character the standard library would not (tested over all of Unicode).

/// Distances between a capital and its small letter, tried in this order.
const CASE_STEPS: [u32; 4] = [32, 1, 80, 48];

/// `c` in lower case (see the module docs for the few letters left as they are).
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'Ÿ' {
        return 'ÿ'; // The one Latin-1 small letter whose capital is elsewhere.
    }
    if !c.is_uppercase() {
        return c;
    }
    partner(c, Case::Lower).unwrap_or(c)
}

/// The text in lower case, letter by letter with [`lower`]. Every word of every utterance
/// comes through here: ASCII text (nearly all of it) is lowered in one go, the rest into a
/// string sized once.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(lower));
    out
}

/// `c` in upper case (see the module docs for the few letters left as they are).
pub fn upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if c == 'ÿ' {
        return 'Ÿ';
    }
    if !c.is_lowercase() {
        return c;
    }
    partner(c, Case::Upper).unwrap_or(c)
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Lower,
    Upper,
}

/// `c`'s letter in the other case, one of [`CASE_STEPS`] away: above it for a capital's small
/// letter, below it for a small letter's capital.
fn partner(c: char, wanted: Case) -> Option<char> {
    CASE_STEPS.into_iter().find_map(|step| {
        let code = match wanted {
            Case::Lower => u32::from(c).checked_add(step),
            Case::Upper => u32::from(c).checked_sub(step),
        };
        let other = code.and_then(char::from_u32)?;
        let (capital, small) = if wanted == Case::Lower { (c, other) } else { (other, c) };
        is_pair(capital, small, step).then_some(other)
    })
}

/// Whether `small` is `capital`'s small letter, `step` code points apart: only inside the blocks
/// where that step holds (elsewhere a capital that far away is some other letter).
fn is_pair(capital: char, small: char, step: u32) -> bool {
    let in_blocks = match step {
        32 => matches!(u32::from(small), 0xE0..=0xFE | 0x3B1..=0x3CB | 0x430..=0x44F),
        1 => {
            matches!(u32::from(small), 0x100..=0x17F | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF | 0x460..=0x4FF)
        }
        80 => matches!(u32::from(small), 0x450..=0x45F),
        48 => matches!(u32::from(small), 0x561..=0x586),
        _ => false,
    };
    // Dotless i and dotted capital I are not a pair ("ı" is "I" in upper case).
    in_blocks && capital.is_uppercase() && small.is_lowercase() && small != 'ı'
}

/// The word with its first letter in upper case ("o'hare" -> "O'hare").
pub fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => {
            let mut out = String::with_capacity(word.len());
            out.push(upper(first));
            out.extend(chars);
            out
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_of_the_scripts_names_come_in() {
        let pairs = [('a', 'A'), ('z', 'Z'), ('é', 'É'), ('ø', 'Ø'), ('þ', 'Þ'), ('ł', 'Ł')];
        for (lower, capital) in pairs {
            assert_eq!(upper(lower), capital, "{lower}");
        }
        for (lower, capital) in [('ā', 'Ā'), ('ş', 'Ş'), ('ω', 'Ω'), ('ж', 'Ж'), ('ё', 'Ё')]
        {
            assert_eq!(upper(lower), capital, "{lower}");
        }
        assert_eq!(upper('ա'), 'Ա');
        for same in ['A', 'É', '1', '\'', '-', ' ', '中', 'ß'] {
            assert_eq!(upper(same), same);
        }
        assert_eq!(upper_first("émile"), "Émile");
        assert_eq!(upper_first("o'hare"), "O'hare");
        assert_eq!(upper_first(""), "");
    }

    #[test]
    fn lower_case_of_the_scripts_names_come_in() {
        for (capital, small) in
            [('A', 'a'), ('É', 'é'), ('Ø', 'ø'), ('Ł', 'ł'), ('Ĺ', 'ĺ'), ('Ž', 'ž')]
        {
            assert_eq!(lower(capital), small, "{capital}");
        }
        for (capital, small) in [('Ω', 'ω'), ('Ж', 'ж'), ('Ё', 'ё'), ('Ա', 'ա'), ('Ạ', 'ạ')]
        {
            assert_eq!(lower(capital), small, "{capital}");
        }
        for same in ['a', 'é', '1', '\'', ' ', '中', 'ß', 'İ'] {
            assert_eq!(lower(same), same);
        }
        assert_eq!(lowercase("ZÜRICH São PAULO"), "zürich são paulo");
    }

    /// Never a character `to_lowercase` would not give, and the same small letter for every
    /// capital of Latin-1, Latin Extended-A, Greek and Cyrillic that has one.
    #[test]
    fn lower_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let ours = lower(c);
            let std: Vec<char> = c.to_lowercase().collect();
            assert!(ours == c || std == [ours], "{c:?}: {ours:?} vs {std:?}");
            let covered = matches!(u32::from(c), 0..=0x17F | 0x391..=0x3A9 | 0x400..=0x42F);
            if covered && std.len() == 1 && c.is_uppercase() && c != 'İ' {
                assert_eq!(std, [ours], "{c:?}");
            }
        }
    }

    /// Never a character `to_uppercase` would not give, and the same capital for every
    /// lower-case letter of Latin-1, Latin Extended-A, Greek and Cyrillic that has one.
    #[test]
    fn agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let ours = upper(c);
            let std: Vec<char> = c.to_uppercase().collect();
            assert!(ours == c || std == [ours], "{c:?}: {ours:?} vs {std:?}");
            let covered = matches!(u32::from(c), 0..=0x17F | 0x3B1..=0x3C9 | 0x430..=0x45F);
            if covered && std.len() == 1 && c.is_lowercase() && !matches!(c, 'ı' | 'ſ' | 'µ' | 'ς')
            {
                assert_eq!(std, [ours], "{c:?}");
            }
        }
    }
}
