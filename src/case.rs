//! Capital letters for names and places Alex writes ("mary ann" -> "Mary Ann").
//!
//! Not `char::to_uppercase`: its Unicode table is ~6 KB of gzipped wasm, only to capitalise
//! first letters. The lower-case table, which the build has anyway (every match lower-cases),
//! checks the usual capital a fixed step below the letter (Latin, Greek, Cyrillic, Armenian).
//! A letter with no capital found that way stays as it is; `upper` never gives a character
//! that `to_uppercase` would not.

/// `c` in upper case (see the module docs for the few letters left as they are).
pub fn upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if !c.is_lowercase() {
        return c;
    }
    // Latin-1, Greek, basic Cyrillic: 32; Latin Extended pairs: 1; Cyrillic Ѐ-Џ: 80;
    // Armenian: 48.
    for step in [32, 1, 80, 48] {
        let Some(capital) = u32::from(c).checked_sub(step).and_then(char::from_u32) else {
            continue;
        };
        let mut lower = capital.to_lowercase();
        if capital.is_uppercase() && lower.next() == Some(c) && lower.next().is_none() {
            return capital;
        }
    }
    c
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

    /// Never a character `to_uppercase` would not give, and the same capital for every
    /// lower-case letter of Latin-1, Latin Extended-A, Greek and Cyrillic that has one.
    #[test]
    fn agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let ours = upper(c);
            let std: Vec<char> = c.to_uppercase().collect();
            assert!(ours == c || std == [ours], "{c:?}: {ours:?} vs {std:?}");
            let covered = matches!(u32::from(c), 0..=0x17F | 0x3B1..=0x3C9 | 0x430..=0x45F);
            if covered
                && std.len() == 1
                && c.is_lowercase()
                && !matches!(c, 'ÿ' | 'ı' | 'ſ' | 'µ' | 'ς')
            {
                assert_eq!(std, [ours], "{c:?}");
            }
        }
    }
}
