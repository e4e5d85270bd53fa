"""Whoosh analysis that folds Vietnamese diacritics.

Both the indexed text and the visitor's query pass through the same analyzer, so
"sam lai chau" and "Sâm Lai Châu" produce the same terms.
"""

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from core.text import fold_diacritics


class FoldDiacriticsFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_diacritics(token.text)
            yield token


def folding_analyzer():
    return RegexTokenizer(r"\w+") | LowercaseFilter() | FoldDiacriticsFilter()
