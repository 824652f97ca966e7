"""Per-language wording for the indicator catalog: one module per language, the same keys in each.

To add a language, write a module with a ``LANGUAGE`` (see :class:`classifier.indicators.lexicon.Language`)
and list it here; its code then appears in :data:`classifier.indicators.LEXICON_LANGUAGES`.
"""

from classifier.indicators.languages import en, es, fr, pt
from classifier.indicators.lexicon import Language

LANGUAGES: tuple[Language, ...] = (en.LANGUAGE, es.LANGUAGE, pt.LANGUAGE, fr.LANGUAGE)
