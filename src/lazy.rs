//! A value given ready or built on first use from a recipe: the embedded
//! Thai and Hebrew data (lexicon tables, complaint cue lists) are parsed on
//! their language's first text, so a process that reads only English never
//! parses them. Reads see the built value (through `Deref`); a change builds
//! it first.

use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub(crate) struct Lazy<T> {
    cell: OnceLock<T>,
    /// Builds the value on first use; `None` means `T::default()`.
    build: Option<fn() -> T>,
}

impl<T: Default> Lazy<T> {
    pub(crate) fn ready(value: T) -> Lazy<T> {
        Lazy {
            cell: OnceLock::from(value),
            build: None,
        }
    }

    pub(crate) fn from_fn(build: fn() -> T) -> Lazy<T> {
        Lazy {
            cell: OnceLock::new(),
            build: Some(build),
        }
    }

    /// The value, built now if it was not yet.
    #[inline]
    pub(crate) fn built(&self) -> &T {
        match self.cell.get() {
            Some(v) => v,
            None => self.build_now(),
        }
    }

    /// The first use: kept out of line so reads stay small.
    #[cold]
    #[inline(never)]
    fn build_now(&self) -> &T {
        self.cell
            .get_or_init(|| self.build.map_or_else(T::default, |f| f()))
    }

    /// The value for a change, built first if it was not yet. (`None`
    /// cannot happen: the cell is filled just before.)
    pub(crate) fn get_mut(&mut self) -> Option<&mut T> {
        self.built();
        self.cell.get_mut()
    }

    /// The value, built if it was not yet.
    pub(crate) fn into_inner(self) -> T {
        let build = self.build;
        self.cell
            .into_inner()
            .unwrap_or_else(|| build.map_or_else(T::default, |f| f()))
    }

    /// The recipe, if the value is (or was) built from one.
    #[cfg(test)]
    pub(crate) fn recipe(&self) -> Option<fn() -> T> {
        self.build
    }

    /// Whether the value has been built (or was given ready).
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.cell.get().is_some()
    }
}

impl<T: Default> core::ops::Deref for Lazy<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.built()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_on_first_read_or_change() {
        let l: Lazy<Vec<u8>> = Lazy::from_fn(|| vec![1, 2]);
        assert!(!l.is_built());
        assert_eq!(l.len(), 2);
        assert!(l.is_built());
        let mut m: Lazy<Vec<u8>> = Lazy::from_fn(|| vec![7]);
        m.get_mut().unwrap().push(8);
        assert_eq!(*m, [7, 8]);
        assert_eq!(Lazy::<Vec<u8>>::from_fn(|| vec![3]).into_inner(), [3]);
        assert_eq!(Lazy::ready(vec![4u8]).into_inner(), [4]);
        assert!(Lazy::<Vec<u8>>::default().is_empty());
    }
}
