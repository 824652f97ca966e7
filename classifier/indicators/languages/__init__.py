"""Per-language wording for the indicator catalog: one module per language, named by its ISO 639-1 code,
the same keys in each.

To add a language, write a module with a ``LANGUAGE`` (see :class:`classifier.indicators.lexicon.Language`)
and list its code here; it then appears in :data:`classifier.indicators.LEXICON_LANGUAGES`.
"""

from importlib import import_module

from classifier.indicators.lexicon import Language

CODES = ("en", "es", "pt", "fr", "ru", "uk", "ro", "pl", "vi", "th", "tl", "id", "zh", "ar")
LANGUAGES: tuple[Language, ...] = tuple(import_module(f"{__name__}.{code}").LANGUAGE for code in CODES)
